//! The process exit statuses (see `docs/formats.md`, "Exit status").

/// Every record was processed.
pub const OK: i32 = 0;
/// Usage errors and fatal errors (unreadable input, unwritable output).
pub const FATAL: i32 = 2;
/// The run completed but some records are error records.
pub const RECORD_ERRORS: i32 = 3;
