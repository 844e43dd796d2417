import Foundation

/// Renders SVG to PNG with whichever converter is installed, and reads the PNG's size.
public enum PNGRendering {
    /// rsvg-convert, else ImageMagick's convert (the real one, not a stand-in of that name), else nil.
    public static let converter: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["rsvg-convert", "convert"] {
            for dir in path.split(separator: ":") {
                let candidate = "\(dir)/\(name)"
                guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
                if name == "convert" {
                    guard let version = try? ProgramOutput.of(candidate, ["-version"]), version.contains("ImageMagick") else { continue }
                }
                return candidate
            }
        }
        return nil
    }()

    /// Whether a converter is installed (for `.enabled(if:)`).
    public static var available: Bool { converter != nil }

    /// Converts `svg` to `png` with the installed converter and returns the PNG's width and height (its IHDR chunk).
    public static func render(_ svg: String, to png: String) throws -> (width: Int, height: Int) {
        guard let converter else { throw ProgramOutput.Failure(description: "no SVG converter (rsvg-convert or ImageMagick convert)") }
        _ = try ProgramOutput.of(converter, converter.hasSuffix("rsvg-convert") ? [svg, "-o", png] : [svg, png])
        let data = try Data(contentsOf: URL(fileURLWithPath: png))
        guard data.count > 24, Array(data.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else {
            throw ProgramOutput.Failure(description: "\(png) is not a PNG")
        }
        func be32(_ o: Int) -> Int { data[o..<(o + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }
}
