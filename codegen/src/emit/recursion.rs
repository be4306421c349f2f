//! Types that hold themselves: a struct that holds itself by value, directly or through
//! other structs and enums, has no size. Every by-value edge inside a cycle is boxed.

use std::collections::BTreeMap;

use crate::emit::plan::Plan;
use crate::emit::rust_types::Shape;

/// Boxes every field and choice variant that holds, by value, a type of its own cycle.
pub fn box_cycles(plan: &mut Plan<'_>) {
    let mut graph = Graph::default();
    for plan_struct in &plan.structs {
        let from = graph.node(&plan_struct.name);
        for field in &plan_struct.fields {
            if let (Some(to), false) = (&field.refers, field.shape == Shape::List) {
                let to = graph.node(to);
                graph.edge(from, to);
            }
        }
    }
    for choice in &plan.choices {
        let from = graph.node(&choice.name);
        for variant in &choice.variants {
            if let (Some(to), false) = (&variant.refers, variant.repeated) {
                let to = graph.node(to);
                graph.edge(from, to);
            }
        }
    }
    for poly in plan.polymorphic.values() {
        let from = graph.node(&poly.name);
        for variant in poly.variants() {
            let to = graph.node(&variant.rust);
            graph.edge(from, to);
        }
    }
    let component = graph.components();
    let same = |graph: &Graph, a: &str, b: &str| match (graph.ids.get(a), graph.ids.get(b)) {
        (Some(&a), Some(&b)) => component[a] == component[b],
        _ => false,
    };
    for plan_struct in &mut plan.structs {
        for field in &mut plan_struct.fields {
            if let Some(to) = &field.refers
                && field.shape != Shape::List
                && same(&graph, &plan_struct.name, to)
            {
                field.boxed = true;
            }
        }
    }
    for choice in &mut plan.choices {
        for variant in &mut choice.variants {
            if let Some(to) = &variant.refers
                && !variant.repeated
                && same(&graph, &choice.name, to)
            {
                variant.boxed = true;
            }
        }
    }
}

/// A directed graph of the module's types.
#[derive(Default)]
struct Graph {
    ids: BTreeMap<String, usize>,
    edges: Vec<Vec<usize>>,
}

impl Graph {
    fn node(&mut self, name: &str) -> usize {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.edges.len();
        self.ids.insert(name.to_owned(), id);
        self.edges.push(Vec::new());
        id
    }

    fn edge(&mut self, from: usize, to: usize) {
        self.edges[from].push(to);
    }

    /// The strongly connected component of every node (Tarjan's algorithm, without
    /// recursion so that long chains of types cannot exhaust the stack). An edge between two
    /// nodes of one component lies on a cycle; so does an edge from a node to itself.
    fn components(&self) -> Vec<usize> {
        const UNSEEN: usize = usize::MAX;
        let n = self.edges.len();
        let mut index = vec![UNSEEN; n];
        let mut low = vec![0; n];
        let mut on_stack = vec![false; n];
        let mut stack = Vec::new();
        let mut component = vec![UNSEEN; n];
        let mut next_index = 0;
        let mut next_component = 0;
        for root in 0..n {
            if index[root] != UNSEEN {
                continue;
            }
            // (node, position in its edge list)
            let mut work = vec![(root, 0usize)];
            index[root] = next_index;
            low[root] = next_index;
            next_index += 1;
            stack.push(root);
            on_stack[root] = true;
            while let Some(&mut (node, ref mut at)) = work.last_mut() {
                if let Some(&next) = self.edges[node].get(*at) {
                    *at += 1;
                    if index[next] == UNSEEN {
                        index[next] = next_index;
                        low[next] = next_index;
                        next_index += 1;
                        stack.push(next);
                        on_stack[next] = true;
                        work.push((next, 0));
                    } else if on_stack[next] {
                        low[node] = low[node].min(index[next]);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[node]);
                }
                if low[node] == index[node] {
                    while let Some(member) = stack.pop() {
                        on_stack[member] = false;
                        component[member] = next_component;
                        if member == node {
                            break;
                        }
                    }
                    next_component += 1;
                }
            }
        }
        component
    }
}
