import Foundation
import TappDomain
import TappStore

/// The duplicate checks on a real file: the desk check as a receptionist registers someone (a patient of the file
/// typed again with a mistake, or a new person), and one full scan of the clinic.
struct DuplicateBenchmark {
    let path: String
    let rounds: Int

    struct Timings {
        var deskCheck: [Double] = []
        var scan: Double = 0
        var pairs = 0
    }

    func run() throws -> Timings {
        let database = try ClinicDatabase(path: path)
        let desk = Session(userId: nil, email: "bench", role: .receptionist, organizationId: nil, zone: Instant.defaultZone,
                           terminal: nil, sshClient: nil)
        let doctor = Session(userId: nil, email: "bench", role: .doctor, organizationId: nil, zone: Instant.defaultZone,
                             terminal: nil, sshClient: nil)
        let total = try database.patientCount()
        var typed: [PatientInput] = []
        let step = max(1, total / 200)
        var offset = 0
        while typed.count < 200, offset < total {
            for patient in try database.patients(matching: "", limit: 1, offset: offset, by: desk) {
                var input = PatientInput(patient.fields)
                switch typed.count % 4 {
                case 0: input.firstName = input.firstName.folding(options: .diacriticInsensitive, locale: nil)
                case 1: (input.firstName, input.lastName) = (input.lastName, input.firstName)
                case 2: input.dateOfBirth = ""
                default: input.firstName = "Zébulon"; input.lastName = "Nouveau"
                }
                typed.append(input)
            }
            offset += step
        }
        var timings = Timings()
        for input in typed { _ = try database.likelyDuplicates(of: input, by: desk) }
        for _ in 0..<rounds {
            for input in typed {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try database.likelyDuplicates(of: input, by: desk)
                timings.deskCheck.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
        }
        let start = DispatchTime.now().uptimeNanoseconds
        timings.pairs = try database.duplicatePairs(limit: Int.max, by: doctor).count
        timings.scan = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return timings
    }
}
