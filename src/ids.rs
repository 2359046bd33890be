//! Typed indices for the site graph: a page, a section and a term are each named by their
//! place in one vector, and mixing them up (a section's number used as a page's) must be a
//! compile error rather than a wrong page rendered in silence.
//!
//! [`IdVec`] is the vector such an id indexes: it can only be indexed by its own id type,
//! so `site.pages[section]` does not compile.

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

/// An index into one [`IdVec`].
pub trait Id: Copy {
    fn new(index: usize) -> Self;
    fn index(self) -> usize;
}

macro_rules! define_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(usize);

        impl Id for $name {
            fn new(index: usize) -> Self {
                Self(index)
            }

            fn index(self) -> usize {
                self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }
    };
}

define_id!(
    /// A page's place in `Site::pages` (sorted by source path).
    PageId
);
define_id!(
    /// A section's place in `Site::sections`.
    SectionId
);
define_id!(
    /// A term's place in its taxonomy's `terms`.
    TermId
);

impl SectionId {
    /// The top folder (`content/` itself): sections are sorted by folder, and its empty
    /// path sorts first.
    pub const ROOT: SectionId = SectionId(0);
}

/// A vector indexed by one id type only.
pub struct IdVec<I, T> {
    raw: Vec<T>,
    id: PhantomData<fn(I) -> I>,
}

impl<I: Id, T> IdVec<I, T> {
    pub fn new() -> Self {
        Self::from_raw(Vec::new())
    }

    pub fn from_raw(raw: Vec<T>) -> Self {
        Self {
            raw,
            id: PhantomData,
        }
    }

    /// A vector of `len` copies of `value`, one per id of a vector that long.
    pub fn filled(value: T, len: usize) -> Self
    where
        T: Clone,
    {
        Self::from_raw(vec![value; len])
    }

    /// Appends `value` and returns its id.
    pub fn push(&mut self, value: T) -> I {
        self.raw.push(value);
        I::new(self.raw.len() - 1)
    }

    pub fn len(&self) -> usize {
        self.raw.len()
    }

    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    pub fn get(&self, id: I) -> Option<&T> {
        self.raw.get(id.index())
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.raw.iter()
    }

    /// Every id, in order.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator {
        (0..self.raw.len()).map(I::new)
    }

    /// Every element with its id, in order.
    pub fn iter_enumerated(
        &self,
    ) -> impl DoubleEndedIterator<Item = (I, &T)> + ExactSizeIterator + Clone {
        self.raw.iter().enumerate().map(|(i, t)| (I::new(i), t))
    }

    /// The id of the first element for which `pred` holds.
    pub fn position(&self, pred: impl FnMut(&T) -> bool) -> Option<I> {
        self.raw.iter().position(pred).map(I::new)
    }

    pub fn as_slice(&self) -> &[T] {
        &self.raw
    }

    pub fn into_raw(self) -> Vec<T> {
        self.raw
    }
}

impl<I: Id, T> Default for IdVec<I, T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<I, T: Clone> Clone for IdVec<I, T> {
    fn clone(&self) -> Self {
        Self {
            raw: self.raw.clone(),
            id: PhantomData,
        }
    }
}

impl<I, T: fmt::Debug> fmt::Debug for IdVec<I, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.raw.fmt(f)
    }
}

impl<I: Id, T> Index<I> for IdVec<I, T> {
    type Output = T;

    fn index(&self, id: I) -> &T {
        &self.raw[id.index()]
    }
}

impl<I: Id, T> IndexMut<I> for IdVec<I, T> {
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.raw[id.index()]
    }
}

impl<I: Id, T> FromIterator<T> for IdVec<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(iter: It) -> Self {
        Self::from_raw(iter.into_iter().collect())
    }
}

impl<'a, I: Id, T> IntoIterator for &'a IdVec<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.raw.iter()
    }
}

impl<'a, I: Id, T> IntoIterator for &'a mut IdVec<I, T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.raw.iter_mut()
    }
}

impl<I: Id, T> IntoIterator for IdVec<I, T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.raw.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_name_their_places_in_order() {
        let mut v: IdVec<PageId, &str> = IdVec::new();
        let a = v.push("a");
        let b = v.push("b");
        assert_eq!((a.index(), b.index()), (0, 1));
        assert_eq!(v[b], "b");
        let pairs: Vec<(PageId, &&str)> = v.iter_enumerated().collect();
        assert_eq!(pairs, vec![(a, &"a"), (b, &"b")]);
        assert_eq!(v.ids().collect::<Vec<_>>(), vec![a, b]);
        assert_eq!(v.get(PageId::new(2)), None);
    }

    #[test]
    fn ids_order_as_their_places() {
        assert!(PageId::new(1) < PageId::new(2));
        assert_eq!(format!("{:?}", SectionId::new(3)), "SectionId(3)");
    }
}
