// Package course describes the course itself: its chapters, which reference
// packages each chapter's learner writes, and which commands its labs run.
// The starter generator (tools/starter) and the grader (tools/grade) both
// read it, so that "chapter n" means the same files everywhere.
package course

import "fmt"

// Chapter is one chapter of the course.
type Chapter struct {
	Number int
	// Dir is the chapter's folder name under chapters/ and labs/.
	Dir   string
	Title string
	// Packages are the reference packages, relative to solutions/, whose
	// files the learner edits in this chapter. The starter generator copies
	// each into chapters/<Dir>/<package>, cutting the marked regions; the
	// grader swaps them back in with `go build -overlay`.
	Packages []string
}

// Chapters returns the course's chapters in order.
func Chapters() []Chapter {
	return []Chapter{
		{Number: 1, Dir: "01-storage", Title: "storage on etcd and SQLite",
			Packages: []string{"storage", "storage/etcd3", "storage/sqlite",
				// Not to edit: copied so that the suite tests the chapter's own
				// storage.Interface when the learner runs go test in the chapter.
				"storage/storagetest"}},
		{Number: 2, Dir: "02-apiserver", Title: "the apiserver: REST, watch and the real kubectl",
			Packages: []string{"apiserver/request", "apiserver/registry", "apiserver/handlers", "apiserver/filters",
				"apiserver/defaulting", "apiserver/validation", "apiserver/printers"}},
		{Number: 3, Dir: "03-informers", Title: "informers and work queues",
			Packages: []string{"client/cache", "client/workqueue", "controller"}},
		{Number: 4, Dir: "04-scheduler", Title: "the scheduler: queue, filter, score, assume, bind",
			Packages: []string{"scheduler", "scheduler/framework", "scheduler/plugins", "scheduler/queue", "scheduler/cache"}},
		{Number: 5, Dir: "05-controllers", Title: "the controller manager: the ReplicaSet controller",
			Packages: []string{"controllers/replicaset", "controllers/garbagecollector"}},
	}
}

// LabCommands are the main packages the labs run, built for each grading
// run with the learner's code swapped in. kubectl and etcdctl do not depend
// on the course's code and are built once into bin/.
func LabCommands() []string {
	return []string{"./tools/kubeling", "./tools/storectl", "./tools/informer-demo"}
}

// Find returns chapter n.
func Find(n int) (Chapter, error) {
	for _, c := range Chapters() {
		if c.Number == n {
			return c, nil
		}
	}
	return Chapter{}, fmt.Errorf("there is no chapter %d (chapters: 1-%d)", n, len(Chapters()))
}
