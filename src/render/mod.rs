//! Render: the model to output files. `html` makes the website; the PDF renderer
//! will sit beside it and read the same model.

pub mod diagram;
pub mod html;
pub mod index;
pub mod pdf;
pub mod search;
