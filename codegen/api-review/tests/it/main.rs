//! The tests of the review, one binary (one link).

mod left_out;
mod surface;
