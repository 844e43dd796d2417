import Foundation

/// The most memory one allocation sized by the input may take, checked before the allocation is made.
///
/// Sizes that follow from the input (XᵀX is dx × dx, the dense Hessian p × p, a Lanczos basis k × p, the tangent
/// vectors of the hidden-node symmetries, slice grids) are checked with `require` first, so an input that would need
/// more than the budget is one clear error (exit status 2) instead of an allocation failure that aborts the process.
/// The budget is half the machine's physical memory unless the environment variable `SPARSESCAPE_MEMORY_LIMIT`
/// sets it (bytes, or a number with K, M, G or T, e.g. `SPARSESCAPE_MEMORY_LIMIT=64G`), and never more than an
/// address-space limit (`ulimit -v`) leaves (`AddressSpace.room`). Data files are checked against it before they
/// are read (from a `.npy` header, from a CSV's size), and so is a training trajectory before training.
public struct MemoryBudget: Sendable, Equatable {
    /// The environment variable that sets the budget.
    public static let environmentVariable = "SPARSESCAPE_MEMORY_LIMIT"

    /// The budget in bytes.
    public let bytes: Int

    /// True when an address-space limit set the budget (the message then says so).
    public let setByAddressSpace: Bool

    /// A budget of `bytes` bytes.
    public init(bytes: Int) { self.init(bytes: bytes, setByAddressSpace: false) }

    init(bytes: Int, setByAddressSpace: Bool) {
        self.bytes = max(0, bytes)
        self.setByAddressSpace = setByAddressSpace
    }

    /// The budget of this process: `SPARSESCAPE_MEMORY_LIMIT` when set, else half the physical memory; at most what
    /// the address-space limit leaves. Reads the environment and sysconf directly (no Foundation allocations: this
    /// runs when memory is short).
    public static func current() throws -> MemoryBudget {
        let configured: Int
        if let raw = getenv(environmentVariable) {
            let text = String(cString: raw)
            guard let value = parse(text) else {
                throw SparseScapeError("\(environmentVariable)=\(SafeText.quoted(text)) is not a size (bytes, or a number with K, M, G or T, e.g. 64G)")
            }
            configured = value
        } else {
            let pages = max(0, sysconf(Int32(_SC_PHYS_PAGES))), page = max(1, sysconf(Int32(_SC_PAGESIZE)))
            configured = pages.multipliedReportingOverflow(by: page).overflow ? Int.max / 2 : pages * page / 2
        }
        if let room = AddressSpace.room(), room < configured { return MemoryBudget(bytes: room, setByAddressSpace: true) }
        return MemoryBudget(bytes: configured)
    }

    /// Bytes from "123", "1.5G", "512M", "64k" (powers of 1024); nil when not a non-negative size.
    public static func parse(_ text: String) -> Int? {
        var s = Substring(text.trimmingCharacters(in: .whitespaces).uppercased())
        if s.hasSuffix("B") { s = s.dropLast() }   // "64GB", "64GiB"
        if s.hasSuffix("I") { s = s.dropLast() }   // "64Gi"
        guard let last = s.last else { return nil }
        let units: [Character: Double] = ["K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024, "T": 1024 * 1024 * 1024 * 1024]
        let unit = units[last]
        let digits = unit == nil ? s : s.dropLast()
        guard let number = Double(digits), number.isFinite, number >= 0 else { return nil }
        let value = number * (unit ?? 1)
        guard value < 9.2e18 else { return nil }
        return Int(value)
    }

    /// The bytes of `factors[0] × factors[1] × …` doubles, or nil when the product overflows.
    public static func doubles(_ factors: Int...) -> Int? { product([8] + factors) }

    /// The product of non-negative counts, or nil on overflow.
    public static func product(_ factors: [Int]) -> Int? {
        var total = 1
        for f in factors {
            let (v, overflow) = total.multipliedReportingOverflow(by: max(0, f))
            if overflow { return nil }
            total = v
        }
        return total
    }

    /// Throws when `bytes` (nil: beyond any size) exceeds the budget, naming `what` needs it, the size and the limit.
    public func require(_ needed: Int?, for what: @autoclosure () -> String) throws {
        if let needed, needed <= bytes { return }
        let size = needed.map { Self.describe($0) } ?? "more than 9 EB"
        if setByAddressSpace {
            throw SparseScapeError("\(what()) needs \(size), over the \(Self.describe(bytes)) left by \(AddressSpace.describe()); raise or remove the limit")
        }
        throw SparseScapeError("\(what()) needs \(size), over the memory budget of \(Self.describe(bytes)) (set \(Self.environmentVariable), e.g. \(Self.environmentVariable)=64G, to raise it)")
    }

    /// Throws when the budget of this process (`current()`) is exceeded.
    public static func require(_ needed: Int?, for what: @autoclosure () -> String) throws {
        try current().require(needed, for: what())
    }

    /// "80.0 GB"-style size (decimal units, three significant digits).
    public static func describe(_ bytes: Int) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB"]
        var v = Double(bytes), u = 0
        while v >= 1000 && u < units.count - 1 { v /= 1000; u += 1 }
        if u == 0 { return "\(bytes) bytes" }
        return String(format: v >= 100 ? "%.0f" : "%.1f", v) + " " + units[u]
    }
}
