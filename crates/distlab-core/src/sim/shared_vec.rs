//! A vector whose clones share storage.
//!
//! The history keeps snapshots of the whole simulation, and the bulk of a
//! simulation is its logs, which only grow at the end. Storing them in
//! fixed-size chunks behind `Arc`s makes a snapshot cost a pointer per chunk;
//! writing after a snapshot copies at most the one chunk being written.

use std::sync::Arc;

const CHUNK: usize = 256;

#[derive(Clone, Debug)]
pub struct SharedVec<T> {
    chunks: Vec<Arc<Vec<T>>>,
    len: usize,
}

impl<T> Default for SharedVec<T> {
    fn default() -> Self {
        SharedVec {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T: Clone + PartialEq> PartialEq for SharedVec<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl<T: Clone + Eq> Eq for SharedVec<T> {}

impl<T: Clone> SharedVec<T> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        if i >= self.len {
            return None;
        }
        self.chunks.get(i / CHUNK).and_then(|c| c.get(i % CHUNK))
    }

    pub fn last(&self) -> Option<&T> {
        self.len.checked_sub(1).and_then(|i| self.get(i))
    }

    pub fn push(&mut self, value: T) {
        if self.len.is_multiple_of(CHUNK) {
            self.chunks.push(Arc::new(Vec::with_capacity(CHUNK)));
        }
        if let Some(last) = self.chunks.last_mut() {
            Arc::make_mut(last).push(value);
            self.len += 1;
        }
    }

    /// Keeps the first `len` elements.
    pub fn truncate(&mut self, len: usize) {
        if len >= self.len {
            return;
        }
        self.chunks.truncate(len.div_ceil(CHUNK));
        if let Some(last) = self.chunks.last_mut() {
            let keep = len - (len - 1) / CHUNK * CHUNK;
            if last.len() > keep {
                Arc::make_mut(last).truncate(keep);
            }
        }
        self.len = len;
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + '_ {
        self.chunks.iter().flat_map(|c| c.iter())
    }

    /// The elements from position `start` on.
    pub fn iter_from(&self, start: usize) -> impl Iterator<Item = &T> + '_ {
        let first = start / CHUNK;
        self.chunks
            .iter()
            .skip(first)
            .enumerate()
            .flat_map(move |(k, c)| c.iter().skip(if k == 0 { start % CHUNK } else { 0 }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_like_a_vec_across_chunk_boundaries() {
        let mut v = SharedVec::default();
        let mut model = Vec::new();
        for i in 0..1_000 {
            v.push(i);
            model.push(i);
        }
        for cut in [999, 768, 767, 513, 256, 255, 1, 0] {
            v.truncate(cut);
            model.truncate(cut);
            assert_eq!(v.len(), model.len());
            assert!(v.iter().eq(model.iter()), "after truncating to {cut}");
            v.push(7);
            model.push(7);
            assert_eq!(v.last(), model.last());
        }
        assert!(v.iter_from(0).eq(model.iter()));
    }

    #[test]
    fn iter_from_starts_where_asked() {
        let mut v = SharedVec::default();
        for i in 0..600 {
            v.push(i);
        }
        assert!(v.iter_from(300).copied().eq(300..600));
        assert!(v.iter_from(256).copied().eq(256..600));
        assert_eq!(v.iter_from(600).count(), 0);
    }

    #[test]
    fn clones_share_until_written() {
        let mut a = SharedVec::default();
        for i in 0..600 {
            a.push(i);
        }
        let b = a.clone();
        a.push(600);
        a.truncate(10);
        assert_eq!(b.len(), 600);
        assert_eq!(b.get(599), Some(&599));
        assert_eq!(a.len(), 10);
        assert!(Arc::ptr_eq(&b.chunks[1], &b.clone().chunks[1]));
    }
}
