//! One walk over a JSON document, shared by the checks and the pruning.

use serde_json::Value;

/// Calls `visit` with every object of the document and its JSON pointer, in
/// document order, not descending into the keys `skip` refuses. An explicit
/// stack: specs may nest deeper than the thread's stack.
pub(crate) fn walk_objects<'a>(
    doc: &'a Value,
    skip: impl Fn(&str) -> bool,
    mut visit: impl FnMut(&str, &'a serde_json::Map<String, Value>),
) {
    let mut stack = vec![(String::new(), doc)];
    while let Some((pointer, value)) = stack.pop() {
        match value {
            Value::Object(map) => {
                visit(&pointer, map);
                for (key, child) in map.iter().rev().filter(|(key, _)| !skip(key)) {
                    let key = key.replace('~', "~0").replace('/', "~1");
                    stack.push((format!("{pointer}/{key}"), child));
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate().rev() {
                    stack.push((format!("{pointer}/{i}"), child));
                }
            }
            _ => {}
        }
    }
}
