import ArgumentParser
import GangwanKit

/// The worker fields `worker add` and `worker update` take; an empty value clears an optional field.
struct WorkerFieldOptions: ParsableArguments {
    @Option(help: "Full name.") var name: String?
    @Option(help: "gig 新就业形态劳动者, migrant 农民工, hardship 生活困难职工, or other.") var group: String?
    @Option(name: .customLong("id-number"), help: "18-character resident ID number (身份证号).") var idNumber: String?
    @Option(help: "Mobile (13812345678) or landline with area code (0971-8123456).") var phone: String?
    @Option(help: "6-digit county code where the worker is helped.") var region: String?
    @Option(help: "Employer (用人单位).") var employer: String?
    @Option(name: .customLong("consent-date"), help: "Day the worker agreed to their data being kept (YYYY-MM-DD).") var consentDate: String?
    @Option(help: "Gig workers: rider, courier, ride-hail, truck, domestic, other.") var occupation: String?
    @Option(help: "Gig workers: the platform (美团, 饿了么, 顺丰…).") var platform: String?
    @Option(help: "Gig workers: employment 劳动关系, partial 不完全符合确立劳动关系情形, civil 民事关系.") var relationship: String?
    @Option(name: .customLong("hardship-category"), help: "Workers in hardship: dibao 低保户, near-dibao 低保边缘户, accident 意外致困户.") var hardshipCategory: String?
    @Option(name: .customLong("hardship-cause"), help: "Workers in hardship: illness, disability, disaster, education, unemployment, other.") var hardshipCause: String?
    @Option(name: .customLong("hukou-region"), help: "Migrant workers: 6-digit county code of the 户口.") var hukouRegion: String?

    /// The options as library fields.
    var fields: WorkerFields {
        var fields = WorkerFields()
        fields.name = name
        fields.group = group
        fields.idNumber = idNumber
        fields.phone = phone
        fields.region = region
        fields.employer = employer
        fields.consentDate = consentDate
        fields.occupation = occupation
        fields.platform = platform
        fields.relationship = relationship
        fields.hardshipCategory = hardshipCategory
        fields.hardshipCause = hardshipCause
        fields.hukouRegion = hukouRegion
        return fields
    }
}
