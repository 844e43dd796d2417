import SparseScapeCore

/// A long computation the session asks for (seconds or more), run on its own thread and cancellable.
enum BackgroundJob: Sendable {
    /// A multi-start search under the mask it was asked for.
    case search(f: LossFunction, settings: SearchSettings, known: [KnownPoint])
    /// The minimum-energy path from `start` to `end` under the mask, asked for at `generation`.
    case path(f: LossFunction, start: [Double], end: [Double], generation: Int)
    /// The basins of attraction on a plane (`grid` × `grid` points over ±span).
    case basins(f: LossFunction, plane: FrozenPlane, grid: Int, known: [KnownPoint])

    /// Which kind of work it is.
    var kind: BackgroundJobKind {
        switch self {
        case .search: return .search
        case .path: return .path
        case .basins: return .basins
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
        case .basins(let f, let plane, let grid, let known):
            let axis = sliceAxis(span: plane.span, count: grid)
            do {
                let g = try BasinMap.compute(f, center: plane.center, d1: plane.d1, d2: plane.d2, alphas: axis, betas: axis,
                                             settings: BasinSettings(), known: known, shouldStop: shouldStop)
                return .basins(plane: plane, .success(g))
            } catch {
                return .basins(plane: plane, .failure((error as? SparseScapeError) ?? SparseScapeError("\(error)")))
            }
        }
    }
}

/// The kinds of background work.
public enum BackgroundJobKind: Equatable, Sendable {
    /// `S`.
    case search
    /// `P`.
    case path
    /// `b`.
    case basins
}

/// A finished background job.
enum BackgroundResult: Sendable {
    /// A search, with the mask it ran under.
    case search(architecture: NetworkArchitecture, Result<SearchResult, SparseScapeError>)
    /// A path, with the generation it was asked at.
    case path(generation: Int, Result<PathResult, SparseScapeError>)
    /// A basin map, with the plane it was computed on.
    case basins(plane: FrozenPlane, Result<BasinGrid, SparseScapeError>)
}
