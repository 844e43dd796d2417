import Foundation

/// A NumPy `.npz` archive (`np.savez`, `np.savez_compressed`): named `.npy` arrays in a zip file, read on demand.
struct NpzArchive {
    /// The zip container.
    let zip: ZipArchive
    /// The array names (member names without `.npy`), in archive order; members not ending in `.npy` are left out.
    let names: [String]

    /// Reads the archive's directory; `name` prefixes every error.
    init(_ data: Data, name: String) throws {
        zip = try ZipArchive(data, name: name)
        var seen = Set<String>()
        var names: [String] = []
        for member in zip.members where member.name.hasSuffix(".npy") {
            let array = String(member.name.dropLast(4))
            guard seen.insert(array).inserted else { throw SparseScapeError("\(name): holds two arrays named \(SafeText.quoted(array))") }
            names.append(array)
        }
        self.names = names
    }

    /// Array `array` with its stored shape; `entries` is the most it may hold (bounds the bytes inflated).
    func array(_ array: String, entries: Int) throws -> (dimensions: [Int], matrix: Matrix) {
        guard let member = zip.members.first(where: { $0.name == array + ".npy" }) else {
            throw SparseScapeError("\(zip.name): holds no array \(array)")
        }
        // A .npy header is at most 65,548 bytes (what NpyReader reads) and float64 is the widest dtype accepted.
        let (payload, overflow) = entries.multipliedReportingOverflow(by: 8)
        let bytes = try zip.contents(of: member, byteLimit: overflow ? Int.max : payload + 65_548)
        return try NpyReader.parseWithDimensions(bytes, name: "\(zip.name): \(member.name)")
    }
}
