//! Entity linking: every PER/ORG/LOC mention points to a row of a small canonical table
//! (with a Wikidata id where known) or is NIL, with document-local NIL clusters.
//!
//! * [`kb`]: the table format, loading and validation (`frner kb check`).
//! * [`normalize`]: the key normalization shared by table aliases and mentions.
//! * [`linker`]: candidate generation, type rules, context, coreference.
//! * [`eval`]: accuracy on HIPE-2020 gold mentions.
//! * [`synthetic`]: generated tables of any size for the scale test and benchmark.
//!
//! See docs/linking.md for the table format and the measured figures.

pub mod eval;
pub mod kb;
pub mod linker;
pub mod normalize;
pub mod synthetic;

pub use eval::{eval_hipe_linking, eval_span_linking, LinkReport};
pub use kb::{
    check_builtin_kb, check_kb, check_kb_extension, Coverage, EntityType, KbReport, KbRow,
    KnowledgeBase,
};
pub use linker::{Linker, DEFAULT_FUZZY_THRESHOLD};
