//go:build darwin && cgo

package selection

/*
#cgo CFLAGS: -x objective-c
#cgo LDFLAGS: -framework AppKit -framework ApplicationServices
#import <AppKit/AppKit.h>
#import <ApplicationServices/ApplicationServices.h>
#include <stdlib.h>
#include <string.h>

// axSelectedText sets *out to the focused element's selected text as
// malloc'd UTF-8. It returns -1 when the process lacks Accessibility
// access, 0 when the element does not tell its selection, 1 on success.
static int axSelectedText(char **out) {
	*out = NULL;
	if (!AXIsProcessTrusted()) return -1;
	AXUIElementRef sys = AXUIElementCreateSystemWide();
	CFTypeRef focused = NULL;
	AXError err = AXUIElementCopyAttributeValue(sys, kAXFocusedUIElementAttribute, &focused);
	CFRelease(sys);
	if (err != kAXErrorSuccess || focused == NULL) return 0;
	CFTypeRef sel = NULL;
	err = AXUIElementCopyAttributeValue((AXUIElementRef)focused, kAXSelectedTextAttribute, &sel);
	CFRelease(focused);
	if (err != kAXErrorSuccess || sel == NULL) return 0;
	if (CFGetTypeID(sel) != CFStringGetTypeID()) { CFRelease(sel); return 0; }
	CFIndex n = CFStringGetMaximumSizeForEncoding(CFStringGetLength((CFStringRef)sel), kCFStringEncodingUTF8) + 1;
	char *buf = malloc(n);
	int ok = buf != NULL && CFStringGetCString((CFStringRef)sel, buf, n, kCFStringEncodingUTF8);
	CFRelease(sel);
	if (!ok) { free(buf); return 0; }
	*out = buf;
	return 1;
}

static long pasteboardChangeCount(void) {
	@autoreleasepool { return (long)[[NSPasteboard generalPasteboard] changeCount]; }
}

// pasteboardText returns the general pasteboard's text as malloc'd UTF-8,
// or NULL when it holds none.
static char *pasteboardText(void) {
	@autoreleasepool {
		NSString *s = [[NSPasteboard generalPasteboard] stringForType:NSPasteboardTypeString];
		if (s == nil) return NULL;
		return strdup([s UTF8String]);
	}
}

// setPasteboardText replaces the pasteboard's contents with s, or empties
// it when s is NULL.
static void setPasteboardText(const char *s) {
	@autoreleasepool {
		NSPasteboard *pb = [NSPasteboard generalPasteboard];
		[pb clearContents];
		if (s != NULL) [pb setString:[NSString stringWithUTF8String:s] forType:NSPasteboardTypeString];
	}
}

// pressCmdC posts Cmd+C. The events carry exactly the Command flag, so
// modifiers still held from the hotkey do not turn it into another
// shortcut.
static void pressCmdC(void) {
	CGEventSourceRef src = CGEventSourceCreate(kCGEventSourceStateCombinedSessionState);
	CGEventRef down = CGEventCreateKeyboardEvent(src, (CGKeyCode)8, true); // kVK_ANSI_C
	CGEventRef up = CGEventCreateKeyboardEvent(src, (CGKeyCode)8, false);
	CGEventSetFlags(down, kCGEventFlagMaskCommand);
	CGEventSetFlags(up, kCGEventFlagMaskCommand);
	CGEventPost(kCGHIDEventTap, down);
	CGEventPost(kCGHIDEventTap, up);
	CFRelease(down);
	CFRelease(up);
	if (src != NULL) CFRelease(src);
}
*/
import "C"

import (
	"context"
	"fmt"
	"unsafe"
)

// text asks the focused element for its selected text through the
// accessibility API, which leaves the pasteboard alone; programs that do
// not answer it (many Electron and Java programs) get a simulated Cmd+C
// instead, with the pasteboard's text put back afterwards.
func text(ctx context.Context) (string, error) {
	var cs *C.char
	switch C.axSelectedText(&cs) {
	case -1:
		return "", fmt.Errorf("%w: deskcti needs Accessibility access (System Settings, Privacy & Security, Accessibility) to read the selection", ErrUnsupported)
	case 1:
		s := C.GoString(cs)
		C.free(unsafe.Pointer(cs))
		return copied(s)
	}
	return copyWithCmdC(ctx)
}

// copyWithCmdC copies the selection to the pasteboard and reads it there.
// Only the pasteboard's text is saved and restored; other kinds of
// content (an image, files) are lost.
func copyWithCmdC(ctx context.Context) (string, error) {
	saved, hadText := pasteboardText()
	before := C.pasteboardChangeCount()
	C.pressCmdC()
	if err := waitForCopy(ctx, func() bool { return C.pasteboardChangeCount() != before }); err != nil {
		return "", err
	}
	s, _ := pasteboardText()
	if hadText {
		cs := C.CString(saved)
		C.setPasteboardText(cs)
		C.free(unsafe.Pointer(cs))
	} else {
		C.setPasteboardText(nil)
	}
	return copied(s)
}

// pasteboardText returns the pasteboard's text; ok is false when it holds
// none.
func pasteboardText() (s string, ok bool) {
	cs := C.pasteboardText()
	if cs == nil {
		return "", false
	}
	defer C.free(unsafe.Pointer(cs))
	return C.GoString(cs), true
}
