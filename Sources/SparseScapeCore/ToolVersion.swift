/// The tool's version (written into every exported file).
public enum ToolVersion {
    /// Semantic version.
    public static let string = "0.1.0"
}
