//! Task lists (`- [x] 完成`): a task's box is a picture of its state, not a control.

use pulldown_cmark::{CowStr, Event, Tag};

/// The box of a task `done` or not, hidden from assistive technology (an unlabelled
/// checkbox is a form field without a name), with the state told in a mark that needs
/// no translation; its item in `events` is marked as a task's.
pub(super) fn checkbox<'a>(done: bool, events: &mut [Event<'_>]) -> Event<'a> {
    mark_task_item(events);
    Event::Html(CowStr::Borrowed(if done {
        "<input type=\"checkbox\" disabled=\"\" checked=\"\" aria-hidden=\"true\"><span class=\"visually-hidden\">☑ </span>"
    } else {
        "<input type=\"checkbox\" disabled=\"\" aria-hidden=\"true\"><span class=\"visually-hidden\">☐ </span>"
    }))
}

/// Gives the item a task's box is in the class the theme drops the bullet by: a bullet
/// and a box side by side are two markers for one item. The box comes first in its item
/// (inside a paragraph in a loose list), so the item is the last one opened.
fn mark_task_item(events: &mut [Event<'_>]) {
    if let Some(item) = events
        .iter_mut()
        .rev()
        .find(|event| matches!(event, Event::Start(Tag::Item)))
    {
        *item = Event::Html(CowStr::Borrowed("<li class=\"task-list-item\">"));
    }
}
