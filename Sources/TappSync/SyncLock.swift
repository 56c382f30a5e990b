import Foundation

/// Only one sync per database at a time: an exclusive lock on `DB.sync-lock`, released when the process ends
/// (even by kill -9, as the kernel drops it).
public final class SyncLock {
    private let fd: Int32

    public init(databasePath: String) throws(SyncError) {
        let path = databasePath + ".sync-lock"
        fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SyncError.invalid("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw SyncError.invalid("another tapp sync is running on this database; try again when it has finished")
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
