//! filled by the demo use case
