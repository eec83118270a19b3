//! The Content Security Policy the default theme puts in every page's `<meta
//! http-equiv>`: scripts, styles, fonts, images and fetched files (search index,
//! shared navigation) from the site itself, nothing else. The theme has no inline
//! script or style, so no hash or nonce is needed; `data:` images are allowed for the
//! stylesheet's own icons. `[html] csp = false` leaves it out, `csp_extra` extends it.

use crate::model::HtmlConfig;

/// The directives, in order; each has its sources.
const BASE: &[(&str, &str)] = &[
    ("default-src", "'self'"),
    ("img-src", "'self' data:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
];

/// The policy for `config`; `None` when it is turned off.
pub fn policy(config: &HtmlConfig) -> Option<String> {
    if !config.csp {
        return None;
    }
    let mut directives: Vec<(String, String)> = BASE
        .iter()
        .map(|(name, sources)| (name.to_string(), sources.to_string()))
        .collect();
    for extra in config.csp_extra.split(';') {
        let mut words = extra.split_whitespace();
        let Some(name) = words.next() else { continue };
        let name = name.to_ascii_lowercase();
        let sources: Vec<&str> = words.collect();
        match directives.iter_mut().find(|(n, _)| *n == name) {
            Some((_, existing)) => {
                for source in sources {
                    existing.push(' ');
                    existing.push_str(source);
                }
            }
            // A directive of its own (e.g. `script-src`) would stop falling back to
            // `default-src`: it starts from the site's own files.
            None => {
                let mut own = String::from("'self'");
                for source in sources {
                    own.push(' ');
                    own.push_str(source);
                }
                directives.push((name, own));
            }
        }
    }
    Some(
        directives
            .iter()
            .map(|(name, sources)| format!("{name} {sources}"))
            .collect::<Vec<_>>()
            .join("; "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_allows_the_site_only() {
        assert_eq!(
            policy(&HtmlConfig::default()).unwrap(),
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"
        );
    }

    #[test]
    fn it_can_be_turned_off() {
        let config = HtmlConfig {
            csp: false,
            ..Default::default()
        };
        assert_eq!(policy(&config), None);
    }

    #[test]
    fn extra_sources_extend_their_directive() {
        let config = HtmlConfig {
            csp: true,
            csp_extra: "img-src https://cdn.example.com; script-src https://stats.example.com;"
                .into(),
        };
        assert_eq!(
            policy(&config).unwrap(),
            "default-src 'self'; img-src 'self' data: https://cdn.example.com; object-src 'none'; base-uri 'self'; form-action 'self'; script-src 'self' https://stats.example.com"
        );
    }
}
