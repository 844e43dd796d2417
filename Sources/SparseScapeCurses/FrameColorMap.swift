import SparseScapeCore
import SparseScapeUI

/// The terminal colour numbers a frame's colours are drawn with: each of the frame's gradients quantised as a whole
/// (monotone, band-free), each set of colours to tell apart given distinct terminal colours, every other colour its
/// nearest terminal colour.
///
/// `CursesScreen` draws through it; tests use it to see the colours a frame shows at a given colour depth.
public struct FrameColorMap {
    /// The terminal's colours.
    public let quantizer: ColorQuantizer
    /// Colour numbers of the colours seen so far, cleared when it grows past `cacheLimit`.
    private var cache: [RGB: Int] = [:]
    /// Most colours remembered in `cache`.
    private let cacheLimit = 1 << 16
    /// Colour numbers of the frame's gradients, each quantised as a whole; they win over `cache`.
    private var gradientIndex: [RGB: Int] = [:]
    /// The gradients `gradientIndex` was built from.
    private var gradients: [[RGB]] = []
    /// Colour numbers of the frame's sets of colours to tell apart; they win over everything else.
    private var distinctIndex: [RGB: Int] = [:]
    /// The sets `distinctIndex` was built from.
    private var distinctSets: [[RGB]] = []

    /// A map for a terminal whose colours `quantizer` describes.
    public init(quantizer: ColorQuantizer) { self.quantizer = quantizer }

    /// Quantises each of the frame's gradients as a whole and gives each set of colours to tell apart distinct
    /// colours, when they changed; true when they did (cells drawn with the old choices must then be drawn again).
    @discardableResult
    public mutating func adopt(gradients new: [[RGB]], distinct sets: [[RGB]] = []) -> Bool {
        var changed = false
        if new != gradients {
            changed = true
            gradients = new
            gradientIndex.removeAll()
            if !quantizer.isDirect {
                for g in new {
                    for (c, i) in zip(g, quantizer.indices(ofRamp: g)) { gradientIndex[c] = i }
                }
            }
        }
        if sets != distinctSets {
            changed = true
            distinctSets = sets
            distinctIndex.removeAll()
            if !quantizer.isDirect {
                for set in sets {
                    for (c, i) in zip(set, quantizer.distinctIndices(of: set)) where distinctIndex[c] == nil { distinctIndex[c] = i }
                }
            }
        }
        return changed
    }

    /// The terminal colour number for `c`: the gradient's own choice for gradient colours, else the nearest.
    public mutating func index(of c: RGB) -> Int {
        if quantizer.isDirect { return quantizer.index(of: c) }
        if let i = distinctIndex[c] ?? gradientIndex[c] ?? cache[c] { return i }
        let i = quantizer.index(of: c)
        if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[c] = i
        return i
    }

    /// The colour the terminal shows for `c`.
    public mutating func shown(_ c: RGB) -> RGB {
        let i = index(of: c)
        return quantizer.rgb(ofIndex: i) ?? c
    }
}
