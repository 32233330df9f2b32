//! Externally tagged enums whose variants come from more than one type.
//!
//! Files name a family's own requests and goals beside the generic ones, as
//! plain variants (`Crash(Leader)` next to `ClientWrite("x=1")`): the generic
//! layers own one enum, the family another, and a file sees one. Serde's
//! derive cannot merge two enums, so these helpers read the variant name
//! once and hand the rest to whichever type has that variant. Positions in
//! errors survive, because the format's own deserializer reads the content.

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, IgnoredAny,
    IntoDeserializer, VariantAccess, Visitor,
};

/// The variant names of an enum with a derived `Deserialize`, learnt by
/// letting it try to read from a deserializer that only listens.
pub fn variant_names<T: DeserializeOwned>() -> &'static [&'static str] {
    let heard = Cell::new(None);
    let _ = T::deserialize(Listener(&heard));
    heard.get().unwrap_or(&[])
}

struct Listener<'a>(&'a Cell<Option<&'static [&'static str]>>);

impl<'de> Deserializer<'de> for Listener<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("only enums have variants"))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.set(Some(variants));
        Err(de::Error::custom("listened"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

/// Reads a variant name as the format spells identifiers.
pub struct Ident;

impl<'de> DeserializeSeed<'de> for Ident {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Ident {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a variant name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<String, E> {
        String::from_utf8(v.to_vec()).map_err(E::custom)
    }
}

/// One enum value whose variant name was already read: deserialising any
/// enum from it replays that name, then reads the content as usual.
struct VariantDeserializer<'a, A> {
    name: &'a str,
    access: A,
}

impl<'de, A: VariantAccess<'de>> Deserializer<'de> for VariantDeserializer<'_, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_enum(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, A: VariantAccess<'de>> EnumAccess<'de> for VariantDeserializer<'_, A> {
    type Error = A::Error;
    type Variant = A;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, A), A::Error> {
        let name = seed.deserialize(self.name.into_deserializer())?;
        Ok((name, self.access))
    }
}

/// Reads an enum that is the union of `B`'s variants and `E`'s. A name
/// unknown to both is an error listing every variant of both.
pub fn deserialize_union<'de, D, B, E, T>(
    d: D,
    base: impl FnOnce(B) -> T,
    ext: impl FnOnce(E) -> T,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    B: DeserializeOwned,
    E: DeserializeOwned,
{
    d.deserialize_enum(
        "",
        &[],
        UnionVisitor {
            base,
            ext,
            marker: PhantomData,
        },
    )
}

struct UnionVisitor<B, E, FB, FE> {
    base: FB,
    ext: FE,
    marker: PhantomData<(B, E)>,
}

fn expected<B: DeserializeOwned, E: DeserializeOwned>() -> String {
    let names: Vec<&str> = variant_names::<B>()
        .iter()
        .chain(variant_names::<E>())
        .copied()
        .collect();
    names.join(", ")
}

impl<'de, B, E, T, FB, FE> Visitor<'de> for UnionVisitor<B, E, FB, FE>
where
    B: DeserializeOwned,
    E: DeserializeOwned,
    FB: FnOnce(B) -> T,
    FE: FnOnce(E) -> T,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "one of {}", expected::<B, E>())
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<T, A::Error> {
        let (name, access) = data.variant_seed(Ident)?;
        let replay = VariantDeserializer {
            name: &name,
            access,
        };
        if variant_names::<B>().contains(&name.as_str()) {
            B::deserialize(replay).map(self.base)
        } else if variant_names::<E>().contains(&name.as_str()) {
            E::deserialize(replay).map(self.ext)
        } else {
            Err(de::Error::custom(format!(
                "unknown variant `{name}`, expected one of {}",
                expected::<B, E>()
            )))
        }
    }
}

/// Reads `Tag(content)`, where the tag must be the one in `tag` (a slice
/// of one, so that [`variant_names`] learns it), and returns the content:
/// a family's settings inside `cluster: Raft((…))`, a goal inside
/// `Raft(TermAtLeast(2))`.
pub fn deserialize_tagged<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    d: D,
    tag: &'static [&'static str],
) -> Result<T, D::Error> {
    d.deserialize_enum(
        "",
        tag,
        Tagged {
            tag: tag[0],
            marker: PhantomData,
        },
    )
}

struct Tagged<T> {
    tag: &'static str,
    marker: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> Visitor<'de> for Tagged<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}(…)", self.tag)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<T, A::Error> {
        let (name, access) = data.variant_seed(Ident)?;
        if name != self.tag {
            return Err(de::Error::custom(format!(
                "this is a {name} cluster; expected {}(…) here",
                self.tag
            )));
        }
        access.newtype_variant::<T>()
    }
}

/// Reads `Name(content)` and returns the index of `Name` in `names`,
/// skipping the content: enough to learn which family a file is for before
/// reading it with that family's types.
pub fn ident_and_variant<'de, D: Deserializer<'de>>(
    d: D,
    names: &'static [&'static str],
) -> Result<usize, D::Error> {
    d.deserialize_enum("", names, Pick(names))
}

struct Pick(&'static [&'static str]);

impl<'de> Visitor<'de> for Pick {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "one of {}", self.0.join(", "))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<usize, A::Error> {
        let (name, access) = data.variant_seed(Ident)?;
        let index = self.0.iter().position(|n| *n == name).ok_or_else(|| {
            de::Error::custom(format!(
                "unknown protocol `{name}`, expected one of {}",
                self.0.join(", ")
            ))
        })?;
        access.newtype_variant::<IgnoredAny>()?;
        Ok(index)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Deserializer};

    use super::*;

    #[derive(Debug, PartialEq, Deserialize)]
    enum Generic {
        Crash(u8),
        Heal,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    enum Family {
        Write(String),
        Pair { a: u8, b: u8 },
    }

    #[derive(Debug, PartialEq)]
    enum Either {
        Generic(Generic),
        Family(Family),
    }

    impl<'de> Deserialize<'de> for Either {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize_union(d, Either::Generic, Either::Family)
        }
    }

    #[test]
    fn variant_names_are_read_from_the_derive() {
        assert_eq!(variant_names::<Generic>(), ["Crash", "Heal"]);
        assert_eq!(variant_names::<Family>(), ["Write", "Pair"]);
    }

    #[test]
    fn a_union_reads_variants_of_either_enum() {
        let list: Vec<Either> =
            ron::from_str(r#"[Crash(2), Heal, Write("x"), Pair(a: 1, b: 2)]"#).expect("parses");
        assert_eq!(
            list,
            [
                Either::Generic(Generic::Crash(2)),
                Either::Generic(Generic::Heal),
                Either::Family(Family::Write("x".into())),
                Either::Family(Family::Pair { a: 1, b: 2 }),
            ]
        );
    }

    #[test]
    fn an_unknown_variant_lists_both_enums_and_keeps_its_position() {
        let err = ron::from_str::<Vec<Either>>("[Heal,\n  Jump(3)]").expect_err("unknown");
        let text = err.to_string();
        assert!(text.contains("Jump"), "{text}");
        assert!(text.contains("Crash, Heal, Write, Pair"), "{text}");
        assert_eq!(err.span.start.line, 2, "{text}");
    }

    #[test]
    fn a_content_error_inside_a_family_variant_is_positioned() {
        let err = ron::from_str::<Either>("Pair(a: 1,\n b: \"x\")").expect_err("b is a number");
        assert_eq!(err.span.start.line, 2, "{err}");
    }

    #[derive(Debug, PartialEq)]
    struct Tag(usize);

    impl<'de> Deserialize<'de> for Tag {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            ident_and_variant(d, &["Raft", "Lock"]).map(Tag)
        }
    }

    #[test]
    fn a_tag_is_picked_and_its_content_skipped() {
        let tag: Tag = ron::from_str("Lock((clients: 3, fencing: true))").expect("parses");
        assert_eq!(tag, Tag(1));
        assert!(ron::from_str::<Tag>("Paxos(())").is_err());
    }
}
