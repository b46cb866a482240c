import Foundation

/// Event times on the wire: ISO 8601 in UTC with milliseconds, `2026-11-29T10:15:02.120Z`.
///
/// Written by hand (integer calendar arithmetic) rather than with a date formatter, so that the
/// output is the same on every platform and locale and costs no allocation beyond the string.
public enum EventTime {
    /// Whole milliseconds since 1970, rounded to the nearest: the precision events keep.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The date rounded to whole milliseconds, as it reads back from JSON or the store.
    public static func normalised(_ date: Date) -> Date {
        Date(milliseconds: milliseconds(date))
    }

    /// Formats a date as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public static func string(_ date: Date) -> String {
        string(milliseconds: milliseconds(date))
    }

    /// Formats milliseconds since 1970 as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public static func string(milliseconds ms: Int64) -> String {
        let (days, msOfDay) = floorDivision(ms, 86_400_000)
        let civil = CivilDate(daysSince1970: days)
        let seconds = msOfDay / 1000
        return pad(civil.year, 4) + "-" + pad(civil.month, 2) + "-" + pad(civil.day, 2) + "T"
            + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
            + "." + pad(msOfDay % 1000, 3) + "Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff]Z`; nil for anything else.
    public static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
        func number(_ start: Int, _ count: Int) -> Int64? {
            var value: Int64 = 0
            for index in start..<(start + count) {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        let separators: [(Int, Character)] = [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":")]
        for (index, character) in separators where bytes[index] != character.asciiValue { return nil }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var millis: Int64 = 0
        let fractionEnd = bytes.count - 1
        if fractionEnd > 19 {
            guard bytes[19] == UInt8(ascii: "."), fractionEnd > 20, fractionEnd - 20 <= 9,
                  let fraction = number(20, fractionEnd - 20) else { return nil }
            // Keep milliseconds: scale the fraction to three digits.
            var scaled = fraction
            var digits = fractionEnd - 20
            while digits > 3 { scaled /= 10; digits -= 1 }
            while digits < 3 { scaled *= 10; digits += 1 }
            millis = scaled
        } else if fractionEnd != 19 {
            return nil
        }
        let days = CivilDate(year: year, month: month, day: day).daysSince1970
        return Date(milliseconds: ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func floorDivision(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let quotient = a >= 0 ? a / b : (a - b + 1) / b
        return (quotient, a - quotient * b)
    }
}

/// A day in the proleptic Gregorian calendar (H. Hinnant's days-from-civil algorithms).
struct CivilDate {
    var year: Int64
    var month: Int64
    var day: Int64

    init(year: Int64, month: Int64, day: Int64) {
        self.year = year
        self.month = month
        self.day = day
    }

    init(daysSince1970 z0: Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    var daysSince1970: Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

extension Date {
    /// The date `ms` milliseconds after 1970-01-01T00:00:00Z.
    init(milliseconds ms: Int64) {
        self.init(timeIntervalSince1970: Double(ms) / 1000)
    }
}
