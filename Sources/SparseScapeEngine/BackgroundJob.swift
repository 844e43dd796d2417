import SparseScapeCore

/// A long computation the session asks for (seconds or more), run on its own thread and cancellable.
enum BackgroundJob: Sendable {
    /// A multi-start search under the mask it was asked for.
    case search(f: LossFunction, settings: SearchSettings, known: [KnownPoint])
    /// The minimum-energy path from `start` to `end` under the mask, asked for at `generation`.
    case path(f: LossFunction, start: [Double], end: [Double], generation: Int)

    /// Which kind of work it is.
    var kind: BackgroundJobKind {
        switch self {
        case .search: return .search
        case .path: return .path
        }
    }

    /// Runs the job; `shouldStop` is polled so that quitting cancels it within a fraction of a second.
    func execute(shouldStop: @escaping @Sendable () -> Bool) -> BackgroundResult {
        switch self {
        case .search(let f, let settings, let known):
            do {
                let r = try MultiStartSearch.run(f, settings: settings, known: known, shouldStop: shouldStop)
                return .search(architecture: f.architecture, .success(r))
            } catch {
                return .search(architecture: f.architecture, .failure((error as? SparseScapeError) ?? SparseScapeError("\(error)")))
            }
        case .path(let f, let start, let end, let generation):
            do {
                var band = try ElasticBandSettings(images: 21, maxIterations: 3000)
                band.shouldStop = shouldStop
                let r = try MinimumEnergyPath.run(f, from: start, to: end, settings: PathSettings(band: band, candidates: 3, dense: false))
                return .path(generation: generation, .success(r))
            } catch {
                return .path(generation: generation, .failure((error as? SparseScapeError) ?? SparseScapeError("\(error)")))
            }
        }
    }
}

/// The kinds of background work.
enum BackgroundJobKind: Sendable {
    /// `S`.
    case search
    /// `P`.
    case path
}

/// A finished background job.
enum BackgroundResult: Sendable {
    /// A search, with the mask it ran under.
    case search(architecture: NetworkArchitecture, Result<SearchResult, SparseScapeError>)
    /// A path, with the generation it was asked at.
    case path(generation: Int, Result<PathResult, SparseScapeError>)
}
