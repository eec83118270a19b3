//! The theme's tera templates, compiled once, with their errors located.

use tera::Tera;

use crate::diagnostic::Diagnostic;
use crate::model::{Pos, Theme};

use super::splice::{CONTENT_MARK, prints_content_raw_only, splice};

pub struct Templates {
    tera: Tera,
    theme: Theme,
    /// Every template prints `content` as it is and does nothing else with it: a
    /// page's body can be spliced into its rendered template (see `splice`).
    splices_content: bool,
}

/// Templates every theme must provide.
pub const REQUIRED: &[&str] = &["page.html", "index.html", "404.html"];

impl Templates {
    /// Compiles every template; each syntax error is a diagnostic at its line.
    pub fn compile(theme: &Theme) -> Result<Templates, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        for template in &theme.templates {
            let mut single = Tera::default();
            if let Err(err) = single.add_raw_template(&template.path, &template.text) {
                let text = error_chain(&err);
                // A child's parent is missing in a lone compile; that is checked below.
                if text.contains("-->") {
                    problems.push(
                        Diagnostic::error(shown(theme, &template.path), syntax_pos(&text), format!("template syntax error: {}", last_line(&text)))
                            .with_hint("see https://keats.github.io/tera/docs/ for the syntax; tags are {{ ... }} and {% ... %}"),
                    );
                }
            }
        }
        for name in REQUIRED {
            if !theme.templates.iter().any(|t| t.path == *name) {
                problems.push(
                    Diagnostic::error(
                        format!("themes/{}/templates/{name}", theme.name),
                        Pos { line: 1, column: 1 },
                        format!("the theme has no `{name}` template"),
                    )
                    .with_hint("copy it from Folio's default theme"),
                );
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut tera = Tera::default();
        // Tera's default also escapes `/`, which makes every URL unreadable in the source.
        tera.set_escape_fn(escape_html);
        let sources: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|t| (t.path.as_str(), t.text.as_str()))
            .collect();
        if let Err(err) = tera.add_raw_templates(sources) {
            let text = error_chain(&err);
            return Err(vec![
                Diagnostic::error(
                    format!("themes/{}/templates", theme.name),
                    Pos { line: 1, column: 1 },
                    last_line(&text),
                )
                .with_hint("check `{% extends %}` and `{% include %}` names"),
            ]);
        }
        Ok(Templates {
            tera,
            theme: theme.clone(),
            splices_content: prints_content_raw_only(theme),
        })
    }

    /// Renders `name` with `body` as its `content`: spliced in after rendering when
    /// the theme allows it, else passed through the template.
    pub fn render_with_body(
        &self,
        name: &str,
        context: &mut tera::Context,
        body: &str,
    ) -> Result<String, Diagnostic> {
        if self.splices_content && !body.is_empty() {
            context.insert("content", CONTENT_MARK);
            if let Some(page) = splice(&self.render(name, context)?, body) {
                return Ok(page);
            }
        }
        context.insert("content", body);
        self.render(name, context)
    }

    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|err| self.render_error(name, &err))
    }

    /// A render error, pointed at the template line that caused it where possible. An
    /// unknown `t["id"]` means a UI message that no locale defines.
    fn render_error(&self, name: &str, err: &tera::Error) -> Diagnostic {
        let text = error_chain(err);
        if let Some(id) = missing_message(&text) {
            let needle = format!("\"{id}\"");
            let (file, pos) = self
                .find(&needle)
                .unwrap_or((name.to_string(), Pos { line: 1, column: 1 }));
            return Diagnostic::error(
                shown(&self.theme, &file),
                pos,
                format!("UI message `{id}` is used by the template but defined in no locale"),
            )
            .with_hint(format!(
                "add `{id} = ...` to the source locale's locales/<locale>/ui.ftl"
            ));
        }
        Diagnostic::error(
            shown(&self.theme, name),
            Pos { line: 1, column: 1 },
            format!("template error: {}", text.replace('\n', ": ")),
        )
        .with_hint("check the variables the template uses; Folio documents them in the README")
    }

    fn find(&self, needle: &str) -> Option<(String, Pos)> {
        self.theme.templates.iter().find_map(|t| {
            let offset = t.text.find(needle)?;
            Some((t.path.clone(), crate::diagnostic::pos_at(&t.text, offset)))
        })
    }
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

fn shown(theme: &Theme, template: &str) -> String {
    format!("themes/{}/templates/{template}", theme.name)
}

fn error_chain(err: &tera::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        text.push('\n');
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}

/// The most telling line of a tera error: pest's `= expected ...`, else the last one.
fn last_line(text: &str) -> String {
    let lines = || text.lines().map(str::trim).filter(|l| !l.is_empty());
    lines()
        .find_map(|l| l.strip_prefix("= "))
        .or_else(|| lines().next_back())
        .unwrap_or_default()
        .to_string()
}

/// The ` --> line:column` that tera's parser prints.
fn syntax_pos(text: &str) -> Pos {
    text.lines()
        .find_map(|l| {
            let rest = l.trim().strip_prefix("-->")?.trim();
            let (line, column) = rest.split_once(':')?;
            Some(Pos {
                line: line.trim().parse().ok()?,
                column: column.trim().parse().ok()?,
            })
        })
        .unwrap_or(Pos { line: 1, column: 1 })
}

fn missing_message(text: &str) -> Option<&str> {
    let rest = text.split("Variable `t[\"").nth(1)?;
    rest.split('"').next()
}
