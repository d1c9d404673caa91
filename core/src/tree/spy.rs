//! A test tree over the core's JSON that counts its `get` calls and can
//! hide one array element: for tests of how readers walk a tree (one walk,
//! not one lookup per member) and of the element-by-element default.

use super::{IntegerRead, Kind, Node, Unreadable};
use crate::json::Value;
use crate::prelude::*;
use core::cell::Cell;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Spy<'a> {
    pub value: Value<'a>,
    /// Calls of `get` and `get_each` on this node and every node read from it.
    pub gets: &'a Cell<usize>,
    /// An array index every array of the tree reports absent (a JS hole).
    pub hole: Option<usize>,
}

impl<'a> Spy<'a> {
    fn wrap(&self, value: Value<'a>) -> Self {
        Spy { value, ..*self }
    }
}

impl Node for Spy<'_> {
    fn kind(&self) -> Kind {
        Node::kind(&self.value)
    }
    fn get(&self, key: &str) -> Result<Option<Self>, Unreadable> {
        self.gets.set(self.gets.get() + 1);
        Ok(Node::get(&self.value, key)?.map(|v| self.wrap(v)))
    }
    fn get_each<const K: usize>(&self, keys: [&str; K]) -> Result<[Option<Self>; K], usize> {
        self.gets.set(self.gets.get() + 1);
        Ok(Node::get_each(&self.value, keys)?.map(|v| v.map(|v| self.wrap(v))))
    }
    fn keys(&self) -> Result<Vec<String>, Unreadable> {
        self.value.keys()
    }
    fn entries(&self) -> Result<Vec<(String, Self)>, Unreadable> {
        Ok(Node::entries(&self.value)?
            .into_iter()
            .map(|(k, v)| (k, self.wrap(v)))
            .collect())
    }
    fn length(&self) -> Result<usize, Unreadable> {
        self.value.length()
    }
    fn at(&self, index: usize) -> Result<Option<Self>, Unreadable> {
        let v = self.value.at(index)?.filter(|_| Some(index) != self.hole);
        Ok(v.map(|v| self.wrap(v)))
    }
    fn string(&self) -> Option<String> {
        self.value.string()
    }
    fn boolean(&self) -> Option<bool> {
        self.value.boolean()
    }
    fn number(&self) -> Option<f64> {
        self.value.number()
    }
    fn safe_integer(&self) -> IntegerRead {
        self.value.safe_integer()
    }
    fn scalar_text(&self) -> Option<String> {
        self.value.scalar_text()
    }
}
