/// A sweep ready to run: the config's data, the masks to visit, the settings, and the sweep's identity.
public struct SweepPlan: Sendable {
    /// The config (its data are used for every mask; its own mask is flagged when met).
    public let config: NetworkConfig
    /// The masks, in the sweep's fixed order.
    public let enumeration: MaskEnumeration
    /// The settings.
    public let settings: SweepSettings
    /// The sweep's identity, written into every record: "sweep-" and 16 hex digits of an FNV-1a hash of the tool
    /// version, widths, X, Y, the config's mask and name, and every setting (not the shard).
    public let sweepId: String
    /// The index of the config's own mask in the sweep, when present.
    public let configMaskIndex: Int?
    /// The config's loss function (statistics shared by every mask).
    let base: LossFunction

    /// Plans a sweep of the config's architecture: exact enumeration unless `settings.sample` is set.
    public init(config: NetworkConfig, settings: SweepSettings) throws {
        let widths = config.architecture.widths
        if let n = settings.sample {
            enumeration = try MaskEnumeration.sample(widths: widths, count: n, seed: settings.seed)
        } else {
            enumeration = try MaskEnumeration.exact(widths: widths)
        }
        self.config = config
        self.settings = settings
        base = try config.lossFunction()
        configMaskIndex = enumeration.index(of: config.architecture.masks)
        sweepId = Self.identity(config: config, settings: settings)
    }

    /// The sweep id of a config and settings.
    static func identity(config: NetworkConfig, settings: SweepSettings) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ v: UInt64) { for b in 0..<8 { h ^= (v >> (8 * UInt64(b))) & 0xff; h = h &* 0x100_0000_01b3 } }
        func mix(_ s: String) { mix(UInt64(s.utf8.count)); for u in s.utf8 { h ^= UInt64(u); h = h &* 0x100_0000_01b3 } }
        mix("sparsescape-sweep " + ToolVersion.string)
        mix(config.name)
        let fingerprint = NetworkFingerprint.of(config.architecture, config.dataset)
        mix(fingerprint)
        mix(UInt64(settings.restarts))
        mix(settings.seed)
        mix(settings.sample.map { UInt64($0) } ?? UInt64.max)
        mix(settings.steps.map { UInt64($0) } ?? UInt64.max)
        mix(settings.tolerance.bitPattern)
        mix(settings.initScale.bitPattern)
        let hex = String(h, radix: 16)
        return "sweep-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
