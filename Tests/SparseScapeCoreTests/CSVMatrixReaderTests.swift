import Foundation
import Testing
@testable import SparseScapeCore

/// The byte-level CSV reader: the accepted format, exact values, and one-line errors for everything else.
@Suite struct CSVMatrixReaderTests {
    static func message(_ text: String) -> String? {
        do { _ = try CSVMatrixReader.parse(text, name: "t.csv"); return nil } catch let e as SparseScapeError { return e.message } catch { return "\(error)" }
    }

    @Test func acceptedFormat() throws {
        let text = "# a comment\r\n a , b\t\r\n\r\n1, 2.5 \r\n  # another\n-3e-2,\t+4\n\n"
        // The header is on line 2 here, after a comment: it is not line 1, so it is an error, as before.
        #expect(Self.message(text) == "t.csv:2: field 1 is not a number and no earlier row or field is: not a CSV file of numbers (its text is not shown)")
        let m = try CSVMatrixReader.parse("a , b\t\r\n\r\n1, 2.5 \r\n  # another\n-3e-2,\t+4\n\n", name: "t")
        #expect(m == Matrix([[1, 2.5], [-0.03, 4]]))
        #expect(try CSVMatrixReader.parse("1,2\n3,4", name: "t") == Matrix([[1, 2], [3, 4]]))   // no final newline
        #expect(try CSVMatrixReader.parse("inf,0x1p-2\n", name: "t").data == [Double.infinity, 0.25])  // what Double(String) reads
    }

    @Test func valuesAreExact() throws {
        var g = SeededGenerator(seed: 9)
        var values: [Double] = []
        var text = "x,y,z\n"
        for _ in 0..<3000 {
            let row = (0..<3).map { _ in Double(bitPattern: g.next() >> 2 | (g.next() % 2) << 63) }
            values += row
            text += row.map { String(format: "%.17g", $0) }.joined(separator: ",") + "\n"
        }
        let m = try CSVMatrixReader.parse(text, name: "t")
        #expect(m.rows == 3000 && m.cols == 3)
        #expect(zip(m.data, values).allSatisfy { $0.bitPattern == $1.bitPattern })
    }

    @Test(arguments: [
        ("1,2\n3\n", "t.csv:2: 1 fields, expected 2 like the first row"),
        ("1,2\n3,x\n", "t.csv:2: field 2, 'x', is not a number"),
        ("1,2\n3,\n", "t.csv:2: field 2 is empty"),
        ("0,0\n1,,2\n", "t.csv:2: field 2 is empty"),
        ("1,2\n3,4\u{0}\n", "t.csv:2: field 2 (column 4) contains the control character \\u{0}; cells must hold numbers"),
        ("1,2\n\u{0}3,4\n", "t.csv:2: field 1 (column 1) contains the control character \\u{0}; cells must hold numbers"),
        ("a\u{1B}[2J,b\n1,2\n", "t.csv:1: field 1 (column 2) contains the control character \\u{1B}; cells must hold numbers"),
        ("1,2\n3,1e5x\n", "t.csv:2: field 2, '1e5x', is not a number"),
        ("1,2\n3,\(String(repeating: "9", count: 60))z\n", "t.csv:2: field 2, '\(String(repeating: "9", count: 40))… (61 bytes)', is not a number"),
        ("a,b\nsecret,text\n", "t.csv:2: field 1 is not a number and no earlier row or field is: not a CSV file of numbers (its text is not shown)"),
        ("a,b\n1,secret\n", "t.csv:2: field 2, 'secret', is not a number"),
        ("", "t.csv: no numeric rows"),
        ("# only\n\n", "t.csv: no numeric rows"),
        ("a,b\n", "t.csv: no numeric rows"),
    ])
    func rejections(_ text: String, _ expected: String) {
        #expect(Self.message(text) == expected)
    }

    @Test func readsAFileThroughTheMapping() throws {
        let path = NSTemporaryDirectory() + "sparsescape-csv-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try AtomicFile.write("w1,w2\n0.1,0.2\n0.30000000000000004,1e-320\n", to: path)
        let m = try CSVMatrixReader.read(path)
        #expect(m.data == [0.1, 0.2, 0.30000000000000004, Double("1e-320")!])
        try Data([0x31, 0x2C, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: path))
        #expect(throws: SparseScapeError.self) { try CSVMatrixReader.read(path) }
    }
}
