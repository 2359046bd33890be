//! Site search. So far: the tokenizer shared by the index builder and (mirrored in
//! JavaScript) the browser client; the index, its shards and the client come next.

pub mod tokenize;
