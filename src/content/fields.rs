//! What a front matter type accepts, read off its JSON Schema: the fields, which are
//! required, the shape of each and the words of fixed vocabularies, for the "did you
//! mean" hints and the messages telling a value of the wrong shape.

/// The fields a front matter type accepts and those it requires, in the order written,
/// read off its JSON Schema: the "did you mean" hints and the list of every missing field
/// come from the type itself and cannot drift from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fields {
    pub known: Vec<String>,
    pub required: Vec<String>,
    /// What each field holds, for telling a value of the wrong shape in words.
    pub shapes: Vec<(String, Shape)>,
    /// The words a field of a fixed vocabulary takes (`phase`: initiation, planning …),
    /// so a missing one can be told what to write.
    pub values: Vec<(String, Vec<String>)>,
    /// What each field of an item of a list of items holds (`actions`: `due` a date …),
    /// so a wrong value inside an item is told by its own field, not the list's.
    pub items: Vec<(String, Vec<(String, Shape)>)>,
}

/// The shape of a field's value as an author writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Text,
    Number,
    /// A whole number (`weight`): a figure with a fraction, or past `i64`, is refused.
    Whole,
    Boolean,
    Date,
    /// A list of texts (`tags`).
    List,
    /// A list of items that are mappings of their own (`actions`).
    Records,
    /// A word of a fixed vocabulary, a list of mappings …: told by serde's own messages.
    Other,
}

impl Shape {
    /// Whether the field takes a number, whole or not.
    pub fn is_number(self) -> bool {
        matches!(self, Shape::Number | Shape::Whole)
    }

    /// The shape of a property of a JSON Schema (an `Option` adds `null`, ignored).
    fn of(property: &serde_json::Value) -> Shape {
        let types: Vec<&str> = match property.get("type") {
            Some(serde_json::Value::String(t)) => vec![t.as_str()],
            Some(serde_json::Value::Array(ts)) => ts.iter().filter_map(|t| t.as_str()).collect(),
            _ => Vec::new(),
        };
        let refs = |name: &str| {
            let target = format!("#/$defs/{name}");
            property.get("$ref").and_then(|r| r.as_str()) == Some(target.as_str())
                || property
                    .get("anyOf")
                    .and_then(|a| a.as_array())
                    .is_some_and(|a| {
                        a.iter().any(|v| {
                            v.get("$ref").and_then(|r| r.as_str()) == Some(target.as_str())
                        })
                    })
        };
        let texts = property
            .get("items")
            .and_then(|i| i.get("type"))
            .and_then(|t| t.as_str())
            == Some("string");
        match types.iter().find(|t| **t != "null") {
            Some(&"string") => Shape::Text,
            Some(&"number") => Shape::Number,
            Some(&"integer") => Shape::Whole,
            Some(&"boolean") => Shape::Boolean,
            Some(&"array") if texts => Shape::List,
            Some(&"array")
                if property
                    .get("items")
                    .is_some_and(|i| i.get("$ref").is_some()) =>
            {
                Shape::Records
            }
            _ if refs("Date") => Shape::Date,
            _ => Shape::Other,
        }
    }
}

impl Fields {
    /// The words `field` takes, when it takes a fixed set of them.
    pub fn values(&self, field: &str) -> Option<&[String]> {
        self.values
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, words)| words.as_slice())
    }

    /// The shape of `field` inside an item of the list `list`.
    pub fn item_shape(&self, list: &str, field: &str) -> Option<Shape> {
        let (_, shapes) = self.items.iter().find(|(name, _)| name == list)?;
        shapes
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, shape)| *shape)
    }

    pub fn shape(&self, field: &str) -> Shape {
        self.shapes
            .iter()
            .find(|(name, _)| name == field)
            .map_or(Shape::Other, |(_, shape)| *shape)
    }

    pub fn of<T: schemars::JsonSchema>() -> Fields {
        let schema = schemars::schema_for!(T);
        let names = |key: &str| -> Vec<String> {
            let value = schema.get(key);
            let listed: Vec<&str> = match value {
                Some(serde_json::Value::Object(map)) => map.keys().map(String::as_str).collect(),
                Some(serde_json::Value::Array(items)) => {
                    items.iter().filter_map(|v| v.as_str()).collect()
                }
                _ => Vec::new(),
            };
            listed.into_iter().map(str::to_string).collect()
        };
        let shapes_of = |properties: Option<&serde_json::Value>| match properties {
            Some(serde_json::Value::Object(map)) => map
                .iter()
                .map(|(name, property)| (name.clone(), Shape::of(property)))
                .collect(),
            _ => Vec::new(),
        };
        let shapes: Vec<(String, Shape)> = shapes_of(schema.get("properties"));
        // A list of items refers to the definition of its item.
        let items = shapes
            .iter()
            .filter(|(_, shape)| *shape == Shape::Records)
            .filter_map(|(name, _)| {
                let reference = schema
                    .get("properties")?
                    .get(name)?
                    .get("items")?
                    .get("$ref")?
                    .as_str()?;
                let item = reference.strip_prefix("#/$defs/")?;
                let properties = schema.get("$defs")?.get(item)?.get("properties");
                Some((name.clone(), shapes_of(properties)))
            })
            .collect();
        // A field of a fixed vocabulary refers to a definition listing its words; an
        // optional one, to it or null (`anyOf`).
        let words = |property: &serde_json::Value| -> Option<Vec<String>> {
            let reference = property.get("$ref").or_else(|| {
                property
                    .get("anyOf")?
                    .as_array()?
                    .iter()
                    .find_map(|p| p.get("$ref"))
            })?;
            let name = reference.as_str()?.strip_prefix("#/$defs/")?;
            let listed = schema.get("$defs")?.get(name)?.get("enum")?.as_array()?;
            Some(
                listed
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
            )
        };
        let values = match schema.get("properties") {
            Some(serde_json::Value::Object(map)) => map
                .iter()
                .filter_map(|(name, property)| Some((name.clone(), words(property)?)))
                .collect(),
            _ => Vec::new(),
        };
        Fields {
            known: names("properties"),
            required: names("required"),
            shapes,
            values,
            items,
        }
    }
}
