import Foundation
import GRDB
import TappDomain

extension ClinicDatabase {
    /// Copies the whole database, consistent as of one instant, while others keep reading and writing
    /// (SQLite's backup API from a WAL read transaction). The copy is created mode 0600; an existing file is refused.
    public func backup(to destination: String, by session: Session, progress: ((Double) -> Void)? = nil) throws {
        try session.require(.backup)
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw ClinicError.refused("\(destination) already exists: choose a new file name (nothing was overwritten)")
        }
        try ClinicDatabase.prepareFile(at: destination)
        do {
            let target = try DatabaseQueue(path: destination)
            try pool.backup(to: target, pagesPerStep: 1024) { step in
                progress?(step.totalPageCount == 0 ? 1 : Double(step.completedPageCount) / Double(step.totalPageCount))
            }
            try target.close()
        } catch {
            try? FileManager.default.removeItem(atPath: destination)
            throw error
        }
    }
}
