/// The element types a safetensors header can declare (Hugging Face's names), with their sizes.
///
/// Every one is known so that a file's sizes can be checked; only the four floating-point types are read as values.
public enum SafetensorsDType: String, CaseIterable, Sendable {
    case bool = "BOOL", u8 = "U8", i8 = "I8", f8e5m2 = "F8_E5M2", f8e4m3 = "F8_E4M3", f8e8m0 = "F8_E8M0"
    case i16 = "I16", u16 = "U16", f16 = "F16", bf16 = "BF16"
    case i32 = "I32", u32 = "U32", f32 = "F32"
    case f64 = "F64", i64 = "I64", u64 = "U64", c64 = "C64"

    /// Bytes per element.
    public var byteWidth: Int {
        switch self {
        case .bool, .u8, .i8, .f8e5m2, .f8e4m3, .f8e8m0: return 1
        case .i16, .u16, .f16, .bf16: return 2
        case .i32, .u32, .f32: return 4
        case .f64, .i64, .u64, .c64: return 8
        }
    }

    /// True for the types whose values SparseScape reads: float64, float32, float16 and bfloat16.
    public var isReadable: Bool { self == .f64 || self == .f32 || self == .f16 || self == .bf16 }

    /// The readable types, as messages name them.
    public static let readableNames = "float32 (F32), float64 (F64), float16 (F16) or bfloat16 (BF16)"

    /// The value of a float16 bit pattern, exactly (subnormals, ±0, ±∞ and NaN included).
    public static func halfToDouble(_ bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F), fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }

    /// The value of a bfloat16 bit pattern (the upper half of a float32), exactly.
    public static func bfloat16ToDouble(_ bits: UInt16) -> Double {
        Double(Float(bitPattern: UInt32(bits) << 16))
    }
}
