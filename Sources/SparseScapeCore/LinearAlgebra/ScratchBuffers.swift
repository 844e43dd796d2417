/// Zero-initialised double buffers allocated together and freed together, for allocation-free hot loops.
///
/// Owned by one workspace or operator (one thread at a time); the pointers live as long as this object.
final class ScratchBuffers {
    private var pointers: [UnsafeMutablePointer<Double>] = []

    /// A new zeroed buffer of `count` doubles (at least one).
    func make(_ count: Int) -> UnsafeMutablePointer<Double> {
        let p = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
        p.initialize(repeating: 0, count: max(count, 1))
        pointers.append(p)
        return p
    }

    /// A new buffer holding a copy of the matrix's entries.
    func copy(_ m: Matrix) -> UnsafeMutablePointer<Double> {
        let p = make(m.data.count)
        m.data.withUnsafeBufferPointer { if let base = $0.baseAddress { p.update(from: base, count: m.data.count) } }
        return p
    }

    deinit {
        for p in pointers { p.deallocate() }
    }
}
