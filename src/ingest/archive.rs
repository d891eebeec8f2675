//! Zip and tar archives (`.zip`, `.tar`, `.tar.gz`, `.tgz`), read in place: every member is an
//! input file of its own, named by its path inside the archive.

use super::format::{has_no_extension, is_xml_name, sniff_bytes, Format, Sniffed};
use super::reader::{read_source, Ctx, FileRead};
use super::skips::{Skip, SkipReason};
use super::source::Source;
use std::io::Read;
use std::path::Path;

/// Reads every member of a zip or tar archive through [`read_source`].
pub(crate) fn read_archive(src: &Source, rel: &str, base: &str, format: Format, ctx: &Ctx, out: &mut FileRead) {
    match format {
        Format::Zip => read_zip(src, rel, base, ctx, out),
        _ => read_tar(src, rel, base, ctx, out),
    }
}

fn read_zip(src: &Source, rel: &str, base: &str, ctx: &Ctx, out: &mut FileRead) {
    let path = src.path();
    let opened = crate::util::contain::contained(|| match src {
        Source::File(p) => std::fs::File::open(p)
            .map_err(|e| Skip::file(p, SkipReason::Unreadable, e.to_string()))
            .and_then(|f| zip::ZipArchive::new(Box::new(f) as Box<dyn ReadSeek + '_>).map_err(|e| bad(path, e))),
        Source::Member { bytes, .. } => {
            zip::ZipArchive::new(Box::new(std::io::Cursor::new(bytes.as_slice())) as Box<dyn ReadSeek + '_>)
                .map_err(|e| bad(path, e))
        }
    })
    .unwrap_or_else(|e| Err(bad(path, format!("the zip reader failed ({e})"))));
    let mut archive = match opened {
        Ok(a) => a,
        Err(skip) => return ctx.log.skip(skip),
    };
    for i in 0..archive.len() {
        // The crate's calls are contained: a member that makes it panic is skipped as malformed.
        let member = crate::util::contain::contained(|| -> Result<Option<Member>, Skip> {
            let mut member = archive.by_index(i).map_err(|e| bad(path, format!("member {}: {e}", i + 1)))?;
            if member.is_dir() {
                return Ok(None);
            }
            let name = member.name().map_err(|e| bad(path, format!("member {}: {e}", i + 1)))?;
            let name = name.trim_start_matches('/').to_string();
            let size = member.size();
            let bytes = take_member(&mut member, &name, size, path, ctx);
            Ok(Some((name, bytes)))
        });
        match member {
            Ok(Ok(Some((name, Some(bytes))))) => read_member(path, &name, bytes, rel, base, ctx, out),
            Ok(Ok(_)) => {}
            Ok(Err(skip)) => ctx.log.skip(skip),
            Err(e) => ctx.log.skip(bad(path, format!("member {}: the zip reader failed ({e})", i + 1))),
        }
    }
}

fn read_tar(src: &Source, rel: &str, base: &str, ctx: &Ctx, out: &mut FileRead) {
    let path = src.path();
    let reader = match src.open() {
        Ok(r) => r,
        Err(skip) => return ctx.log.skip(skip),
    };
    let mut archive = tar::Archive::new(reader);
    let entries = match archive.entries() {
        Ok(e) => e,
        Err(e) => return ctx.log.skip(bad(path, e)),
    };
    let mut entries = entries;
    loop {
        let it = &mut entries;
        let entry = match crate::util::contain::contained(move || it.next()) {
            Ok(None) => break,
            Ok(Some(entry)) => entry,
            Err(e) => return ctx.log.skip(bad(path, format!("the tar reader failed ({e})"))),
        };
        let mut entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let detail = format!("{e}; the rest of the archive is not read");
                return ctx.log.skip(Skip::file(path, SkipReason::Malformed, detail));
            }
        };
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let name = match entry.path() {
            Ok(p) => p.to_string_lossy().trim_start_matches("./").to_string(),
            Err(e) => {
                ctx.log.skip(bad(path, e));
                continue;
            }
        };
        let size = entry.size();
        if let Some(bytes) = take_member(&mut entry, &name, size, path, ctx) {
            read_member(path, &name, bytes, rel, base, ctx, out);
        }
    }
}

/// A zip member's name and bytes (none when it was skipped).
type Member = (String, Option<Vec<u8>>);

trait ReadSeek: Read + std::io::Seek {}
impl<T: Read + std::io::Seek> ReadSeek for T {}

fn bad(path: &Path, e: impl std::fmt::Display) -> Skip {
    Skip::file(path, SkipReason::Malformed, format!("not a readable archive: {e}"))
}

/// A member's bytes, at most the file size limit (read with a cap whatever the header says);
/// hidden members (`.DS_Store`, `__MACOSX/`) are passed over as the walk passes over hidden files.
fn take_member(member: &mut dyn Read, name: &str, size: u64, archive: &Path, ctx: &Ctx) -> Option<Vec<u8>> {
    if name.split('/').any(|part| part.starts_with('.') || part == "__MACOSX") {
        return None;
    }
    let max = ctx.limits.max_file_bytes;
    let member_path = archive.join(name);
    if size > max {
        let detail = format!("{size} bytes is over the {max}-byte limit (raise --max-file-size)");
        ctx.log.skip(Skip::file(&member_path, SkipReason::TooLarge, detail));
        return None;
    }
    let mut bytes = Vec::with_capacity(size as usize);
    match member.take(max + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > max => {
            let detail = format!("over the {max}-byte limit once unpacked (raise --max-file-size)");
            ctx.log.skip(Skip::file(&member_path, SkipReason::TooLarge, detail));
            None
        }
        Ok(_) => Some(bytes),
        Err(e) => {
            ctx.log.skip(Skip::file(&member_path, SkipReason::Unreadable, e.to_string()));
            None
        }
    }
}

/// Reads one member as the walk would read a file of that name: by its extension, else by its
/// content; a member of no format we read is warned about and counted as ignored.
fn read_member(archive: &Path, name: &str, bytes: Vec<u8>, rel: &str, base: &str, ctx: &Ctx, out: &mut FileRead) {
    let src = Source::Member { path: archive.join(name), bytes };
    let by_name = Format::of(Path::new(name));
    let by_content = || {
        let mut head = Vec::with_capacity(8192);
        let opened = src.open().map(|r| r.take(8192).read_to_end(&mut head));
        match opened {
            Ok(_) => sniff_bytes(&head),
            Err(_) => Sniffed::Binary,
        }
    };
    let format = match by_name {
        Some(f) => Ok(f),
        None if has_no_extension(Path::new(name)) || is_xml_name(Path::new(name)) => match by_content() {
            Sniffed::Format(f) => Ok(f),
            Sniffed::OtherXml => Err(("unknown_format", "XML that is neither a news feed nor NITF/NewsML")),
            _ => Err(("binary", "no extension and not text")),
        },
        None => Err(("unknown_format", "not a format read as articles")),
    };
    match format {
        Ok(format) => read_source(&src, &format!("{rel}/{name}"), &format!("{base}/{name}"), format, ctx, out),
        Err((reason, detail)) => {
            if !ctx.log.is_quiet() {
                tracing::warn!("{}: not read ({reason}): {detail}", src.path().display());
            }
            *out.ignored.entry(reason.to_string()).or_default() += 1;
        }
    }
}
