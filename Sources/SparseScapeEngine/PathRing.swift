/// The recent optimizer path: a ring of parameter vectors sampled when the point has moved noticeably.
struct PathRing {
    /// Largest number of points kept.
    let capacity: Int
    private var storage: [[Double]] = []
    private var head = 0

    /// An empty ring.
    init(capacity: Int) { self.capacity = capacity }

    /// The points, oldest first.
    var points: [[Double]] {
        storage.count < capacity ? storage : Array(storage[head...] + storage[..<head])
    }

    /// The newest point.
    var last: [Double]? {
        guard !storage.isEmpty else { return nil }
        return storage.count < capacity ? storage.last : storage[(head + capacity - 1) % capacity]
    }

    /// Appends a point, dropping the oldest when full.
    mutating func append(_ p: [Double]) {
        if storage.count < capacity { storage.append(p) } else { storage[head] = p; head = (head + 1) % capacity }
    }

    /// Appends `p` when it is farther than `relative`·max(1, ‖p‖) from the newest point (or the ring is empty).
    mutating func appendIfMoved(_ p: UnsafePointer<Double>, count: Int, relative: Double) {
        if let last, last.count == count {
            var d2 = 0.0, n2 = 0.0
            for i in 0..<count { let d = p[i] - last[i]; d2 += d * d; n2 += p[i] * p[i] }
            if d2 <= relative * relative * max(1, n2) { return }
        }
        append(Array(UnsafeBufferPointer(start: p, count: count)))
    }

    /// Forgets every point.
    mutating func clear() { storage.removeAll(); head = 0 }

    /// Maps every point through `transform`, dropping those it rejects (order kept).
    mutating func remap(_ transform: ([Double]) -> [Double]?) {
        let old = points
        clear()
        for p in old { if let q = transform(p) { append(q) } }
    }
}
