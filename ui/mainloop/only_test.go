package mainloop

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A call of fyne.Do or fyne.DoAndWait outside this package would not wake
// a napping loop: its work would wait up to MaxNap. deskcti's code (not
// its tests, whose fyne/test driver never naps) goes through Do and
// DoAndWait here.
func TestOnlyMainloopCallsFyneDo(t *testing.T) {
	var found []string
	for _, root := range []string{"..", "../../cmd"} {
		err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() && filepath.Base(path) == "mainloop" {
				return filepath.SkipDir
			}
			if e.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			names := map[string]bool{}
			for _, im := range f.Imports {
				if p, _ := strconv.Unquote(im.Path.Value); p == "fyne.io/fyne/v2" {
					name := "fyne"
					if im.Name != nil {
						name = im.Name.Name
					}
					names[name] = true
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok || (sel.Sel.Name != "Do" && sel.Sel.Name != "DoAndWait") {
					return true
				}
				if id, ok := sel.X.(*ast.Ident); ok && names[id.Name] {
					found = append(found, fset.Position(sel.Pos()).String())
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(found) > 0 {
		t.Errorf("fyne.Do or fyne.DoAndWait used directly (use mainloop.Do, mainloop.DoAndWait):\n%s", strings.Join(found, "\n"))
	}
}
