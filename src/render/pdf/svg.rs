//! SVG pictures as vector graphics: usvg parses and simplifies the file (shapes become
//! paths, styles are resolved, text becomes glyph outlines from Folio's embedded fonts)
//! and `paint` turns that tree, as a pure function, into the content of a Form XObject
//! drawn in the unit square like an image: paths with solid fills and strokes
//! (opacity, width, caps, joins, dashes), nested groups with their transforms and
//! clip paths (markers come as clipped groups), linear and radial gradients as PDF
//! shadings. Left out for now, and reported by `unsupported`: masks, filters, clip
//! paths of clip paths, patterns (filled grey instead), embedded raster `<image>`s,
//! stop opacity (a gradient is opaque); a group's opacity is multiplied into its
//! shapes' instead of making a transparency group.

use std::sync::{Arc, LazyLock};

use pdf_writer::types::{FunctionShadingType, LineCapStyle, LineJoinStyle};
use pdf_writer::{Chunk, Content, Finish, Name, Rect, Ref};
use usvg::tiny_skia_path::PathSegment;
use usvg::{Group, Node, Paint, Transform};

/// Folio's embedded faces for the text of SVG pictures, every generic family mapped
/// to the body's serif face. The renderer reads no disk: the machine's fonts are not
/// consulted here (a family the embedded faces lack falls back to the serif one).
static FONTS: LazyLock<Arc<usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut db = usvg::fontdb::Database::new();
    for bytes in typst_assets::fonts() {
        db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(bytes)));
    }
    let serif = db
        .faces()
        .flat_map(|f| f.families.iter().map(|(name, _)| name.clone()))
        .find(|name| name.contains("Libertinus Serif"))
        .unwrap_or_else(|| "Libertinus Serif".to_string());
    db.set_serif_family(serif.clone());
    db.set_sans_serif_family(serif.clone());
    db.set_cursive_family(serif.clone());
    db.set_fantasy_family(serif);
    db.set_monospace_family("DejaVu Sans Mono");
    Arc::new(db)
});

/// Parses an SVG file (or says why it cannot be printed). `<image>`s that point to
/// other files are not followed: the renderer reads no disk.
pub fn parse(bytes: &[u8]) -> Result<usvg::Tree, String> {
    let options = usvg::Options {
        fontdb: Arc::clone(&FONTS),
        font_family: "Libertinus Serif".to_string(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    usvg::Tree::from_data(bytes, &options).map_err(|e| format!("the SVG cannot be read ({e})"))
}

/// The pixel size of the picture (CSS pixels, as an image's).
pub fn size(tree: &usvg::Tree) -> (u32, u32) {
    let size = tree.size();
    (
        size.width().round().max(1.0) as u32,
        size.height().round().max(1.0) as u32,
    )
}

/// What of `tree` the painter leaves out (see the module note), each named once in
/// the order met, for the build to say: an empty list when the PDF shows it all.
pub fn unsupported(tree: &usvg::Tree) -> Vec<&'static str> {
    fn paint(paint: &Paint, out: &mut Vec<&'static str>) {
        let stops = match paint {
            Paint::Color(_) => return,
            Paint::Pattern(_) => return add(out, "patterns"),
            Paint::LinearGradient(g) => g.stops(),
            Paint::RadialGradient(g) => g.stops(),
        };
        if stops.iter().any(|s| s.opacity().get() < 1.0) {
            add(out, "transparent gradient stops");
        }
    }
    fn add(out: &mut Vec<&'static str>, what: &'static str) {
        if !out.contains(&what) {
            out.push(what);
        }
    }
    fn walk(group: &Group, out: &mut Vec<&'static str>) {
        if let Some(clip) = group.clip_path()
            && clip.clip_path().is_some()
        {
            add(out, "clip paths of clip paths");
        }
        if group.mask().is_some() {
            add(out, "masks");
        }
        if !group.filters().is_empty() {
            add(out, "filters");
        }
        for node in group.children() {
            match node {
                Node::Group(inner) => walk(inner, out),
                Node::Path(path) => {
                    if let Some(fill) = path.fill() {
                        paint(fill.paint(), out);
                    }
                    if let Some(stroke) = path.stroke() {
                        paint(stroke.paint(), out);
                    }
                }
                Node::Text(text) => walk(text.flattened(), out),
                Node::Image(_) => add(out, "embedded images"),
            }
        }
    }
    let mut out = Vec::new();
    walk(tree.root(), &mut out);
    out
}

/// A gradient to write as a shading: axial (x1, y1, x2, y2) or radial (fx, fy, fr,
/// cx, cy, r), and its stops (offset, rgb).
struct Shading {
    radial: bool,
    coords: Vec<f32>,
    stops: Vec<(f32, [f32; 3])>,
}

/// What a tree paints: the content stream and the resources it names.
pub struct Painted {
    content: Vec<u8>,
    /// `Gs{n}`: fill and stroke alpha.
    alphas: Vec<(f32, f32)>,
    /// `Sh{n}`.
    shadings: Vec<Shading>,
}

/// Paints `tree` in its own coordinates (y down, origin at the top left).
pub fn paint(tree: &usvg::Tree) -> Painted {
    let mut painter = Painter {
        content: Content::new(),
        alphas: Vec::new(),
        shadings: Vec::new(),
    };
    painter.group(tree.root(), 1.0);
    Painted {
        content: painter.content.finish().into_vec(),
        alphas: painter.alphas,
        shadings: painter.shadings,
    }
}

struct Painter {
    content: Content,
    alphas: Vec<(f32, f32)>,
    shadings: Vec<Shading>,
}

fn matrix(t: Transform) -> [f32; 6] {
    [t.sx, t.ky, t.kx, t.sy, t.tx, t.ty]
}

fn rgb(color: usvg::Color) -> [f32; 3] {
    [color.red, color.green, color.blue].map(|c| f32::from(c) / 255.0)
}

impl Painter {
    fn group(&mut self, group: &Group, opacity: f32) {
        let opacity = opacity * group.opacity().get();
        self.content.save_state();
        if !group.transform().is_identity() {
            self.content.transform(matrix(group.transform()));
        }
        if let Some(clip) = group.clip_path() {
            self.clip_outline(clip.root(), clip.transform());
            self.content.clip_nonzero();
            self.content.end_path();
        }
        for node in group.children() {
            match node {
                Node::Group(inner) => self.group(inner, opacity),
                Node::Path(path) => self.path(path, opacity),
                Node::Text(text) => self.group(text.flattened(), opacity),
                // Raster pictures inside an SVG are not printed (see the module note).
                Node::Image(_) => {}
            }
        }
        self.content.restore_state();
    }

    /// The outlines of a clip path's shapes, in the clipped group's coordinates: their
    /// union (non-zero winding) clips the group.
    fn clip_outline(&mut self, group: &Group, transform: Transform) {
        let transform = transform.pre_concat(group.transform());
        for node in group.children() {
            match node {
                Node::Group(inner) => self.clip_outline(inner, transform),
                Node::Path(path) => {
                    if let Some(data) = path.data().clone().transform(transform) {
                        self.outline(&data);
                    }
                }
                Node::Text(text) => self.clip_outline(text.flattened(), transform),
                Node::Image(_) => {}
            }
        }
    }

    fn alpha(&mut self, fill: f32, stroke: f32) {
        if fill >= 1.0 && stroke >= 1.0 {
            return;
        }
        let index = match (self.alphas.iter()).position(|&(f, s)| f == fill && s == stroke) {
            Some(index) => index,
            None => {
                self.alphas.push((fill, stroke));
                self.alphas.len() - 1
            }
        };
        self.content
            .set_parameters(Name(format!("Gs{index}").as_bytes()));
    }

    fn outline(&mut self, data: &usvg::tiny_skia_path::Path) {
        let mut last = (0.0, 0.0);
        for segment in data.segments() {
            match segment {
                PathSegment::MoveTo(p) => {
                    self.content.move_to(p.x, p.y);
                    last = (p.x, p.y);
                }
                PathSegment::LineTo(p) => {
                    self.content.line_to(p.x, p.y);
                    last = (p.x, p.y);
                }
                PathSegment::QuadTo(c, p) => {
                    // A quadratic curve is the cubic with controls two thirds along.
                    let c1 = (
                        last.0 + (c.x - last.0) * 2.0 / 3.0,
                        last.1 + (c.y - last.1) * 2.0 / 3.0,
                    );
                    let c2 = (p.x + (c.x - p.x) * 2.0 / 3.0, p.y + (c.y - p.y) * 2.0 / 3.0);
                    self.content.cubic_to(c1.0, c1.1, c2.0, c2.1, p.x, p.y);
                    last = (p.x, p.y);
                }
                PathSegment::CubicTo(c1, c2, p) => {
                    self.content.cubic_to(c1.x, c1.y, c2.x, c2.y, p.x, p.y);
                    last = (p.x, p.y);
                }
                PathSegment::Close => {
                    self.content.close_path();
                }
            }
        }
    }

    /// The solid colour of a paint, or the shading that paints it.
    fn colour(&mut self, paint: &Paint) -> Result<[f32; 3], usize> {
        let stops = |stops: &[usvg::Stop]| -> Vec<(f32, [f32; 3])> {
            stops
                .iter()
                .map(|s| (s.offset().get(), rgb(s.color())))
                .collect()
        };
        match paint {
            Paint::Color(color) => Ok(rgb(*color)),
            Paint::LinearGradient(g) => {
                self.shadings.push(Shading {
                    radial: false,
                    coords: vec![g.x1(), g.y1(), g.x2(), g.y2()],
                    stops: stops(g.stops()),
                });
                Err(self.shadings.len() - 1)
            }
            Paint::RadialGradient(g) => {
                self.shadings.push(Shading {
                    radial: true,
                    coords: vec![g.fx(), g.fy(), g.fr().get(), g.cx(), g.cy(), g.r().get()],
                    stops: stops(g.stops()),
                });
                Err(self.shadings.len() - 1)
            }
            Paint::Pattern(_) => Ok([0.5; 3]),
        }
    }

    fn gradient_transform(paint: &Paint) -> Transform {
        match paint {
            Paint::LinearGradient(g) => g.transform(),
            Paint::RadialGradient(g) => g.transform(),
            _ => Transform::identity(),
        }
    }

    fn path(&mut self, path: &usvg::Path, opacity: f32) {
        if !path.is_visible() {
            return;
        }
        let fill_alpha = path.fill().map_or(1.0, |f| f.opacity().get()) * opacity;
        let stroke_alpha = path.stroke().map_or(1.0, |s| s.opacity().get()) * opacity;
        let fill_first = path.paint_order() == usvg::PaintOrder::FillAndStroke;
        self.content.save_state();
        self.alpha(fill_alpha, stroke_alpha);
        if fill_first {
            self.fill(path);
            self.stroke(path);
        } else {
            self.stroke(path);
            self.fill(path);
        }
        self.content.restore_state();
    }

    fn fill(&mut self, path: &usvg::Path) {
        let Some(fill) = path.fill() else { return };
        let even_odd = fill.rule() == usvg::FillRule::EvenOdd;
        match self.colour(fill.paint()) {
            Ok([r, g, b]) => {
                self.content.set_fill_rgb(r, g, b);
                self.outline(path.data());
                if even_odd {
                    self.content.fill_even_odd();
                } else {
                    self.content.fill_nonzero();
                }
            }
            Err(shading) => {
                self.content.save_state();
                self.outline(path.data());
                if even_odd {
                    self.content.clip_even_odd();
                } else {
                    self.content.clip_nonzero();
                }
                self.content.end_path();
                let t = Self::gradient_transform(fill.paint());
                if !t.is_identity() {
                    self.content.transform(matrix(t));
                }
                self.content
                    .shading(Name(format!("Sh{shading}").as_bytes()));
                self.content.restore_state();
            }
        }
    }

    fn stroke(&mut self, path: &usvg::Path) {
        let Some(stroke) = path.stroke() else { return };
        let colour = match self.colour(stroke.paint()) {
            Ok(colour) => colour,
            // A gradient stroke is drawn in its first stop's colour.
            Err(shading) => self.shadings[shading]
                .stops
                .first()
                .map_or([0.0; 3], |s| s.1),
        };
        let [r, g, b] = colour;
        self.content.set_stroke_rgb(r, g, b);
        self.content.set_line_width(stroke.width().get());
        self.content.set_line_cap(match stroke.linecap() {
            usvg::LineCap::Butt => LineCapStyle::ButtCap,
            usvg::LineCap::Round => LineCapStyle::RoundCap,
            usvg::LineCap::Square => LineCapStyle::ProjectingSquareCap,
        });
        self.content.set_line_join(match stroke.linejoin() {
            usvg::LineJoin::Miter | usvg::LineJoin::MiterClip => LineJoinStyle::MiterJoin,
            usvg::LineJoin::Round => LineJoinStyle::RoundJoin,
            usvg::LineJoin::Bevel => LineJoinStyle::BevelJoin,
        });
        self.content.set_miter_limit(stroke.miterlimit().get());
        if let Some(dashes) = stroke.dasharray() {
            self.content
                .set_dash_pattern(dashes.iter().copied(), stroke.dashoffset());
        }
        self.outline(path.data());
        self.content.stroke();
    }
}

/// Writes the picture as a Form XObject that fills the unit square (as an image
/// does, so pages place both alike); returns the form.
pub fn write_form(chunk: &mut Chunk, next: &mut Ref, tree: &usvg::Tree) -> Ref {
    let painted = paint(tree);
    let size = tree.size();
    let (w, h) = (size.width(), size.height());
    let form = next.bump();
    let alphas: Vec<Ref> = painted.alphas.iter().map(|_| next.bump()).collect();
    let shadings: Vec<Ref> = painted.shadings.iter().map(|_| next.bump()).collect();
    {
        let mut xobject = chunk.form_xobject(form, &painted.content);
        xobject.bbox(Rect::new(0.0, 0.0, w, h));
        xobject.matrix([1.0 / w, 0.0, 0.0, -1.0 / h, 0.0, 1.0]);
        let mut resources = xobject.resources();
        if !alphas.is_empty() {
            let mut states = resources.ext_g_states();
            for (i, id) in alphas.iter().enumerate() {
                states.pair(Name(format!("Gs{i}").as_bytes()), *id);
            }
            states.finish();
        }
        if !shadings.is_empty() {
            let mut names = resources.shadings();
            for (i, id) in shadings.iter().enumerate() {
                names.pair(Name(format!("Sh{i}").as_bytes()), *id);
            }
            names.finish();
        }
    }
    for (&(fill, stroke), id) in painted.alphas.iter().zip(&alphas) {
        chunk
            .ext_graphics(*id)
            .non_stroking_alpha(fill)
            .stroking_alpha(stroke);
    }
    for (shading, id) in painted.shadings.iter().zip(&shadings) {
        let function = write_stops(chunk, next, &shading.stops);
        let mut dict = chunk.function_shading(*id);
        dict.shading_type(if shading.radial {
            FunctionShadingType::Radial
        } else {
            FunctionShadingType::Axial
        });
        dict.color_space().device_rgb();
        dict.coords(shading.coords.iter().copied());
        dict.function(function);
        dict.extend([true, true]);
    }
    form
}

/// The colour along a gradient, 0 to 1: one exponential function per pair of stops,
/// stitched.
fn write_stops(chunk: &mut Chunk, next: &mut Ref, stops: &[(f32, [f32; 3])]) -> Ref {
    let mut stops: Vec<(f32, [f32; 3])> = stops.to_vec();
    match stops.len() {
        0 => stops = vec![(0.0, [0.0; 3]), (1.0, [0.0; 3])],
        1 => stops.push((1.0, stops[0].1)),
        _ => {}
    }
    let pieces: Vec<Ref> = stops
        .windows(2)
        .map(|pair| {
            let id = next.bump();
            chunk
                .exponential_function(id)
                .domain([0.0, 1.0])
                .c0(pair[0].1)
                .c1(pair[1].1)
                .n(1.0);
            id
        })
        .collect();
    if pieces.len() == 1 {
        return pieces[0];
    }
    let id = next.bump();
    chunk
        .stitching_function(id)
        .domain([0.0, 1.0])
        .functions(pieces.iter().copied())
        .bounds(stops[1..stops.len() - 1].iter().map(|s| s.0))
        .encode(pieces.iter().flat_map(|_| [0.0, 1.0]));
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_become_path_operators_and_gradients_shadings() {
        let tree = parse(
            br##"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10">
              <linearGradient id="g"><stop offset="0" stop-color="red"/><stop offset=".5" stop-color="lime"/><stop offset="1" stop-color="blue"/></linearGradient>
              <rect width="20" height="10" fill="url(#g)"/>
              <g transform="translate(2 2)" opacity="0.5"><path d="M0 0 Q 5 5 10 0" stroke="black" stroke-dasharray="2 1" fill="none"/></g>
              <text x="2" y="9" font-size="8">Ab</text>
            </svg>"##,
        )
        .expect("parses");
        assert_eq!(size(&tree), (20, 10));
        let painted = paint(&tree);
        let content = String::from_utf8_lossy(&painted.content);
        assert!(content.contains(" c\n"), "{content}");
        assert!(content.contains("/Sh0 sh"), "{content}");
        assert!(content.contains("[2 1] 0 d"), "{content}");
        assert!(content.contains("/Gs0 gs"), "{content}");
        assert_eq!(painted.shadings.len(), 1);
        assert_eq!(painted.shadings[0].stops.len(), 3);
        assert_eq!(painted.alphas, [(0.5, 0.5)]);
        // The text became filled outlines.
        assert!(content.lines().any(|l| l == "f"), "{content}");
        assert!(parse(b"<svg").is_err());
        assert_eq!(unsupported(&tree), Vec::<&str>::new());
        let clipped = parse(
            br##"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10">
              <clipPath id="c"><circle r="5"/></clipPath>
              <pattern id="p" width="2" height="2"><rect width="1" height="1"/></pattern>
              <rect width="20" height="10" fill="url(#p)" clip-path="url(#c)"/>
            </svg>"##,
        )
        .expect("parses");
        assert_eq!(unsupported(&clipped), ["patterns"]);
        let content = String::from_utf8_lossy(&paint(&clipped).content).into_owned();
        assert!(content.contains("\nW\nn\n"), "{content}");
    }
}
