//! What leaves distlab for slides, papers and sharing: recordings of the
//! terminal in asciinema's format, the screen as an SVG drawing, and the
//! space-time diagram of a run.
//!
//! Both start from what distlab itself drew (the bytes written to the
//! terminal, the cells of a frame), never from a second rendering.

pub mod cast;
pub mod screen_svg;

/// A run's space-time diagram as an SVG drawing, drawn from its records
/// in the core, which knows no screen.
pub use distlab_core::export::spacetime;
