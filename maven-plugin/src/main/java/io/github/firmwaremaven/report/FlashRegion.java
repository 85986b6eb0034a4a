package io.github.firmwaremaven.report;

/**
 * A stretch of a flash image: an FMAP area, a CBFS entry, a firmware volume or padding.
 *
 * @param row    which band of the drawing it belongs to (e.g. "FMAP", "CBFS COREBOOT")
 * @param offset bytes from the start of the image
 * @param size   the size the table shows (for CBFS entries: cbfstool's data size)
 * @param span   the bytes it occupies in the drawing (for CBFS entries: up to the next entry)
 * @param free   unused space (CBFS "(empty)", padding) drawn pale
 */
public record FlashRegion(String row, String name, String type, long offset, long size, long span, String detail,
        boolean free) {
    public FlashRegion {
        if (offset < 0 || size < 0 || span < 0) {
            throw new IllegalArgumentException("negative offset or size for " + name);
        }
    }
}
