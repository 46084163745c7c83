package document

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Walk lists the files to read under paths: a file is taken as it is
// (Parse then says if its format is unsupported); a folder is searched
// recursively for files of supported formats, skipping hidden files and
// folders (names starting with ".") and the files that by convention
// document a folder rather than hold a report (README, LICENSE, NOTICE,
// ATTRIBUTION, CHANGELOG, CONTRIBUTING, with any extension and case). The list is sorted and has no
// duplicates. Paths that do not exist or cannot be read are reported in
// the error (wrapping fs.ErrNotExist where that is the cause); the files
// found elsewhere are still returned.
func Walk(paths []string) ([]string, error) {
	var (
		files []string
		errs  []error
	)
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !info.IsDir() {
			files = append(files, filepath.Clean(p))
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, err)
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && Supported(path) && !isFolderDoc(d.Name()) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("walk %s: %w", p, err))
		}
	}
	slices.Sort(files)
	return slices.Compact(files), errors.Join(errs...)
}

// folderDocs are the base names of files that document a folder.
var folderDocs = []string{"readme", "license", "licence", "notice", "attribution", "changelog", "contributing"}

// isFolderDoc reports whether a file name is one of folderDocs, whatever its
// extension and case.
func isFolderDoc(name string) bool {
	base := strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))
	return slices.Contains(folderDocs, base)
}
