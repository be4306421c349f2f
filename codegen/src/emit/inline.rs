//! Code generated only where it is used. A big service's module defines thousands of
//! functions (every type's codecs, every message's arms) of which a user calls a few; a
//! function that is neither generic nor `#[inline]` is compiled to machine code in the crate
//! that defines it, whether or not anything calls it, and for economic's 1 511 operations
//! that was three quarters of building the generated crate. Every function of the module is
//! therefore `#[inline]`, which makes rustc generate its code in the crate that reaches it
//! (the user's), once there, and never for what nothing reaches; generic ones already are.

/// Marks every function `item` defines (in its impls and nested modules as well) that is not
/// generic `#[inline]`. The functions of traits are left as they are: their provided bodies
/// are generated for each implementation that is used.
pub fn mark(item: &mut syn::Item) {
    match item {
        syn::Item::Fn(function) => mark_fn(&mut function.attrs, &function.sig),
        syn::Item::Impl(block) if !generic(&block.generics) => {
            for member in &mut block.items {
                if let syn::ImplItem::Fn(function) = member {
                    mark_fn(&mut function.attrs, &function.sig);
                }
            }
        }
        syn::Item::Mod(module) => {
            for item in module.content.iter_mut().flat_map(|(_, items)| items) {
                mark(item);
            }
        }
        _ => {}
    }
}

/// Whether `generics` take a type or a constant: lifetimes alone make nothing generic to
/// rustc's code generation.
fn generic(generics: &syn::Generics) -> bool {
    generics
        .params
        .iter()
        .any(|param| !matches!(param, syn::GenericParam::Lifetime(_)))
}

fn mark_fn(attrs: &mut Vec<syn::Attribute>, sig: &syn::Signature) {
    let marked = attrs.iter().any(|attr| attr.path().is_ident("inline"));
    if !generic(&sig.generics) && !marked {
        attrs.push(syn::parse_quote!(#[inline]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(source: &str) -> String {
        let mut file: syn::File = syn::parse_str(source).unwrap();
        file.items.iter_mut().for_each(mark);
        prettyplease::unparse(&file)
    }

    #[test]
    fn functions_that_are_not_generic_are_marked_once() {
        let text = marked(
            "impl A { fn a(&self) {} #[inline] fn b() {} fn c<T>(t: T) {} fn d<'a>(x: &'a str) {} }
             impl<T> B<T> { fn e() {} }
             impl<'a> F<'a> { fn i() {} }
             trait C { fn f() {} }
             mod op { impl D for E { fn g() {} } }
             fn h() {}",
        );
        assert_eq!(text.matches("#[inline]").count(), 6, "{text}");
        for marked in ["fn a", "fn b", "fn d", "fn g", "fn h", "fn i"] {
            let at = text.find(marked).unwrap();
            assert!(
                text[..at].trim_end().ends_with("#[inline]"),
                "{marked}: {text}"
            );
        }
        for left in ["fn c", "fn e", "fn f"] {
            let at = text.find(left).unwrap();
            assert!(
                !text[..at].trim_end().ends_with("#[inline]"),
                "{left}: {text}"
            );
        }
    }
}
