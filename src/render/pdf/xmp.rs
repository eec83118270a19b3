//! The document's XMP metadata: what the Info dictionary says (title, author,
//! subject, dates, tools), the language, and which standards the file claims:
//! PDF/UA-1 always, PDF/A-2 part and conformance when `[pdf] standard` asks. A
//! PDF/A file also describes the `pdfuaid` namespace, which PDF/A does not know.
//!
//! The packet is one fixed template with a handful of escaped values, written here;
//! it must mirror `assemble::write_info` field for field (PDF/A checks that they agree).

use std::fmt::Write as _;

use super::boxes::Document;

pub fn packet(doc: &Document) -> String {
    let mut out = String::with_capacity(2048);
    out.push_str("<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    out.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
    out.push_str("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    out.push_str(concat!(
        "<rdf:Description rdf:about=\"\"",
        " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"",
        " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"",
        " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"",
        " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"",
        " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"",
        " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"",
        " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"",
        " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n",
    ));
    out.push_str("<dc:format>application/pdf</dc:format>\n");
    let _ = writeln!(
        out,
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>",
        escape(&doc.title)
    );
    if !doc.author.is_empty() {
        let _ = writeln!(
            out,
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
            escape(&doc.author)
        );
    }
    if !doc.subject.is_empty() {
        let _ = writeln!(
            out,
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>",
            escape(&doc.subject)
        );
    }
    let _ = writeln!(
        out,
        "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>",
        escape(&doc.lang)
    );
    out.push_str("<xmp:CreatorTool>Folio</xmp:CreatorTool>\n");
    if let Some(date) = &doc.date {
        let date = escape(date);
        let _ = writeln!(out, "<xmp:CreateDate>{date}</xmp:CreateDate>");
        let _ = writeln!(out, "<xmp:ModifyDate>{date}</xmp:ModifyDate>");
    }
    let _ = writeln!(
        out,
        "<pdf:Producer>{}</pdf:Producer>",
        super::assemble::PRODUCER
    );
    out.push_str("<pdfuaid:part>1</pdfuaid:part>\n");
    if let Some(conformance) = doc.standard.archive_conformance() {
        out.push_str("<pdfaid:part>2</pdfaid:part>\n");
        let _ = writeln!(
            out,
            "<pdfaid:conformance>{conformance}</pdfaid:conformance>"
        );
        out.push_str(concat!(
            "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n",
            "<pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>\n",
            "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n",
            "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n",
            "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n",
            "<pdfaProperty:name>part</pdfaProperty:name>\n",
            "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n",
            "<pdfaProperty:category>internal</pdfaProperty:category>\n",
            "<pdfaProperty:description>The part of ISO 14289 the file conforms to</pdfaProperty:description>\n",
            "</rdf:li></rdf:Seq></pdfaSchema:property>\n",
            "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n",
        ));
    }
    out.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n");
    out.push_str("<?xpacket end=\"w\"?>");
    out
}

/// Text as XML character data; characters XML 1.0 cannot carry are left out.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped() {
        assert_eq!(
            escape("R&D <b> \"x\"\u{1}"),
            "R&amp;D &lt;b&gt; &quot;x&quot;"
        );
    }
}
