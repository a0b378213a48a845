//! [`IntoOption`]: what the setter of an optional field takes, so that a
//! plain value is passed as it is written: `.preset("content_management")`,
//! `.scopes(["projects:read"])`, `.expires_in(ExpiresIn::Days30)`, as well
//! as `Some(..)` and `None`.
//!
//! typify's builder setters take `T: TryInto<Option<X>>`, which `X` and
//! `Option<X>` meet but `&str` does not for `Option<String>` (std has no
//! `From<&str> for Option<String>`), so every optional string needed
//! `.to_owned()`. codegen's `optional_setters` pass makes those setters take
//! `T: IntoOption<X>` instead: everything they took before, and borrowed
//! text where the field holds owned text.

/// A value for an optional field of type `Option<T>`: a `T`, an
/// `Option<T>`, or, for text, borrowed text.
///
/// ```
/// use openapi_client_runtime::IntoOption;
///
/// fn set<T: IntoOption<String>>(value: T) -> Option<String> {
///     value.into_option()
/// }
/// assert_eq!(set("a"), Some("a".to_owned()));
/// assert_eq!(set("a".to_owned()), Some("a".to_owned()));
/// assert_eq!(set(Some("a".to_owned())), Some("a".to_owned()));
/// assert_eq!(set(None), None);
///
/// fn set_all<T: IntoOption<Vec<String>>>(value: T) -> Option<Vec<String>> {
///     value.into_option()
/// }
/// assert_eq!(set_all(["a", "b"]), Some(vec!["a".to_owned(), "b".to_owned()]));
/// assert_eq!(set_all(vec!["a"]), Some(vec!["a".to_owned()]));
/// ```
pub trait IntoOption<T> {
    /// The field's value.
    fn into_option(self) -> Option<T>;
}

/// A value: the field is set.
impl<T> IntoOption<T> for T {
    fn into_option(self) -> Option<T> {
        Some(self)
    }
}

/// `Some` sets the field, `None` leaves it unset.
impl<T> IntoOption<T> for Option<T> {
    fn into_option(self) -> Option<T> {
        self
    }
}

impl IntoOption<String> for &str {
    fn into_option(self) -> Option<String> {
        Some(self.to_owned())
    }
}

impl IntoOption<String> for &String {
    fn into_option(self) -> Option<String> {
        Some(self.clone())
    }
}

impl IntoOption<Vec<String>> for Vec<&str> {
    fn into_option(self) -> Option<Vec<String>> {
        Some(self.into_iter().map(str::to_owned).collect())
    }
}

impl IntoOption<Vec<String>> for &[&str] {
    fn into_option(self) -> Option<Vec<String>> {
        Some(self.iter().map(|s| (*s).to_owned()).collect())
    }
}

impl<const N: usize> IntoOption<Vec<String>> for [&str; N] {
    fn into_option(self) -> Option<Vec<String>> {
        Some(self.into_iter().map(str::to_owned).collect())
    }
}

/// An array of values: `.projects([1, 2])`.
impl<T, const N: usize> IntoOption<Vec<T>> for [T; N] {
    fn into_option(self) -> Option<Vec<T>> {
        Some(self.into())
    }
}
