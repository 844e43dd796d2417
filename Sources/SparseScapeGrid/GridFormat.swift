import SparseScapeCore

/// How grid reports write sparsities and task lists.
public enum GridFormat {
    /// A sparsity as a percentage with up to 3 significant digits: 0.8 → "80%", 0.955 → "95.5%".
    public static func percent(_ s: Double) -> String { NumberFormat.g(100 * s, 3) + "%" }

    /// Task numbers as Slurm writes array ranges: [1, 2, 3, 7, 9, 10] → "1-3,7,9-10".
    public static func ranges(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var k = 0
        let sorted = Array(Set(numbers)).sorted()
        while k < sorted.count {
            var j = k
            while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(j == k ? "\(sorted[k])" : "\(sorted[k])-\(sorted[j])")
            k = j + 1
        }
        return parts.joined(separator: ",")
    }

    /// Parses a task list such as "3,7,10-12" (1-based, within 1…`count`).
    public static func parseRanges(_ text: String, count: Int) throws -> [Int] {
        var out: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(bounds.count), let lo = bounds[0], let hi = bounds[bounds.count - 1], lo <= hi else {
                throw SparseScapeError("a task list is numbers and ranges such as 3,7,10-12, got \(SafeText.quoted(text))")
            }
            guard lo >= 1, hi <= count else { throw SparseScapeError("task \(lo < 1 ? lo : hi) is out of range: the grid has tasks 1-\(count)") }
            out += Array(lo...hi)
        }
        return Array(Set(out)).sorted()
    }
}
