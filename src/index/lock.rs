//! The write lock that keeps two `newsdex index` runs off the same index.

use crate::error::{Error, Result};
use std::fs::{File, TryLockError};
use std::path::Path;

/// File name of the lock inside the index folder.
pub const LOCK_FILE: &str = ".newsdex-write.lock";

/// Held while a run writes the index; released on drop (and by the OS if the process dies).
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

impl WriteLock {
    /// Takes the lock, or fails at once with a clear error when another process holds it.
    pub fn acquire(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let path = dir.join(LOCK_FILE);
        let file =
            File::options().create(true).truncate(false).write(true).open(&path).map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(WriteLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(Error::IndexLocked { path: dir.to_path_buf() }),
            Err(TryLockError::Error(e)) => Err(Error::io(path, e)),
        }
    }
}
