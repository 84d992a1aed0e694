//! A synthetic entity table of any size, for the scale test and the lookup benchmark
//! (a user's table of a million rows is not something to commit).

use std::fmt::Write;

/// Syllables of the generated names: 16 of them, so a row number in base 16 spells a
/// unique name.
const SYLLABLES: [&str; 16] = [
    "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "za", "be", "do", "fu", "ga", "ho", "ji", "pe",
];

/// The name of synthetic row `i`: a six-letter word and a four-letter word ("Kalomi Neru"),
/// distinct for the first 16⁵ = 1,048,576 rows.
pub fn synthetic_name(i: usize) -> String {
    let digit = |shift: usize| SYLLABLES[(i >> (4 * shift)) & 15];
    let mut first = String::with_capacity(6);
    let mut second = String::with_capacity(4);
    for shift in [4, 3, 2] {
        first.push_str(digit(shift));
    }
    for shift in [1, 0] {
        second.push_str(digit(shift));
    }
    format!("{} {}", capitalize(&first), capitalize(&second))
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A valid table of `rows` rows (at most 16⁵) in the TSV format of docs/linking.md: types
/// cycle PER, ORG, LOC; each row has a QID, its name, one alias (the two words swapped)
/// and a description.
pub fn synthetic_table(rows: usize) -> String {
    let mut out = String::with_capacity(rows * 64 + 64);
    out.push_str("id\ttype\tname\twikidata\taliases\tdescription\n");
    for i in 0..rows {
        let name = synthetic_name(i);
        let swapped = name
            .split_once(' ')
            .map(|(a, b)| format!("{b} {a}"))
            .unwrap_or_default();
        let etype = ["PER", "ORG", "LOC"][i % 3];
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "s{i}\t{etype}\t{name}\tQ{}\t{swapped}\tsynthetic row {i}",
            i + 1
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_distinct_and_the_table_loads() {
        assert_eq!(synthetic_name(0), "Kakaka Kaka");
        assert_ne!(synthetic_name(1), synthetic_name(16));
        let kb = super::super::KnowledgeBase::parse(&synthetic_table(5000), "synthetic")
            .expect("a synthetic table validates");
        assert_eq!(kb.len(), 5000);
        assert!(kb.has_wikidata("Q5000"));
    }
}
