import SparseScapeEngine
import SparseScapeUI

/// The explorer's display settings, resolved: built-in defaults, then the settings file, then command-line flags.
public struct ExplorerSettings: Equatable, Sendable {
    /// A theme name (default, light, colorblind, mono) or a .theme file.
    public var theme: String
    /// The pace of the descent.
    public var speed: DescentSpeed
    /// Slice points per axis.
    public var grid: Int
    /// The slice plane's base half-width.
    public var span: Double
    /// The colour depth to draw with.
    public var color: ColorDepth

    /// The built-in defaults.
    public static let defaults = ExplorerSettings(theme: "default", speed: .standard, grid: 61, span: 1, color: .auto)

    /// The slice grids the explorer accepts.
    public static let gridRange = 2...1001

    /// Settings with every value given.
    public init(theme: String, speed: DescentSpeed, grid: Int, span: Double, color: ColorDepth) {
        self.theme = theme
        self.speed = speed
        self.grid = grid
        self.span = span
        self.color = color
    }

    /// These settings with every value `layer` gives replacing this one's.
    public func overridden(by layer: ExplorerSettingsLayer) -> ExplorerSettings {
        var s = self
        if let v = layer.theme { s.theme = v }
        if let v = layer.speed { s.speed = v }
        if let v = layer.grid { s.grid = v }
        if let v = layer.span { s.span = v }
        if let v = layer.color { s.color = v }
        return s
    }

    /// The defaults, overridden by the settings file's values, overridden by the flags' values.
    public static func resolve(file: ExplorerSettingsLayer?, flags: ExplorerSettingsLayer) -> ExplorerSettings {
        defaults.overridden(by: file ?? ExplorerSettingsLayer()).overridden(by: flags)
    }
}

/// Some of the explorer's settings, as one source (the settings file, or the command line) gives them.
public struct ExplorerSettingsLayer: Equatable, Sendable {
    /// The theme, when given.
    public var theme: String?
    /// The pace, when given.
    public var speed: DescentSpeed?
    /// Slice points per axis, when given.
    public var grid: Int?
    /// The slice span, when given.
    public var span: Double?
    /// The colour depth, when given.
    public var color: ColorDepth?

    /// A layer giving the values that are not nil.
    public init(theme: String? = nil, speed: DescentSpeed? = nil, grid: Int? = nil, span: Double? = nil, color: ColorDepth? = nil) {
        self.theme = theme
        self.speed = speed
        self.grid = grid
        self.span = span
        self.color = color
    }
}
