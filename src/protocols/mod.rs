//! The protocols, one folder per family. Each supplies node logic, messages,
//! rule and bug switches, safety checks and plain-language explanations. None
//! of them knows anything of the screen.

pub mod raft;
