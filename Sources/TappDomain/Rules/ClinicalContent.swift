/// A record that holds clinical content (medical notes, blood type, a consultation's reason, diagnosis, treatment,
/// notes and attachments), which only roles with `readClinical` may read.
public protocol HoldsClinicalContent {
    /// The same record with its clinical content taken out.
    func withoutClinicalData() -> Self
}

extension Patient: HoldsClinicalContent {}
extension Consultation: HoldsClinicalContent {}

extension Role {
    /// The one filter every record passes through on its way to a person: whole for roles that read clinical data,
    /// without its clinical content for the others.
    public func shown<Record: HoldsClinicalContent>(_ record: Record) -> Record {
        allows(.readClinical) ? record : record.withoutClinicalData()
    }

    public func shown<Record: HoldsClinicalContent>(_ records: [Record]) -> [Record] {
        allows(.readClinical) ? records : records.map { $0.withoutClinicalData() }
    }
}
