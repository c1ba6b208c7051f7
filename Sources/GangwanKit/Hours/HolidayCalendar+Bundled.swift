import Foundation

extension HolidayCalendar {
    /// China's statutory holidays and make-up workdays shipped with Gangwan (`data/holidays-cn.csv`).
    public static let bundled: HolidayCalendar = {
        guard let url = Bundle.module.url(forResource: "holidays-cn", withExtension: "csv"),
              let text = try? String(contentsOf: url, encoding: .utf8),
              let calendar = try? HolidayCalendar(csv: text)
        else { fatalError("The bundled holidays-cn.csv is missing or damaged; reinstall Gangwan.") }
        return calendar
    }()
}
