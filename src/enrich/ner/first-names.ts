// Common given names in international news copy, written for this project. A name-list feature,
// not a lookup: the tagger learns how far to trust it ("Jordan", "Chelsea" are also places).
export const FIRST_NAMES = `
Aaron Abdul Abdullah Abraham Adam Adrian Adrienne Ahmed Ahmad Alan Albert Alberto Alejandro
Alessandro Alex Alexander Alexandra Alexei Alexis Ali Alice Alicia Alison Allen Amanda Amber
Amit Amy Ana Anastasia Anders Andre Andrea Andreas Andrei Andrew Andrzej Angela Angelo Anil Ann
Anna Anne Anthony Antonio Arnold Arthur Ashley Ayman Barbara Barry Ben Benjamin Bernard Bill
Bob Boris Brad Brandon Brenda Brian Bruce Bruno Bryan Carl Carlos Carmen Carol Caroline Catherine
Charles Charlotte Chen Chris Christian Christina Christine Christopher Claire Claude Claudia
Colin Craig Cristina Cynthia Dale Dan Daniel Daniela Danielle Dake David Dean Deborah Denis
Dennis Diana Diane Diego Dieter Dimitri Dmitry Dmitri Dominic Donald Donna Doris Dorothy Douglas
Dylan Ed Eddie Edward Elena Elizabeth Ellen Emily Emma Emmanuel Enrique Eric Erik Ernst Eva
Evan Evgeny Fatima Felipe Fernando Francesca Francesco Francis Francisco Francois Frank Franz
Fred Frederick Gabriel Gary George Georg Gerald Gerhard Giovanni Giuseppe Gloria Gordon Grace
Graham Greg Gregory Hans Harold Harry Hassan Heather Heinz Helen Helmut Henri Henry Hiroshi
Howard Hugo Hussein Ian Igor Irina Isabel Ivan Jack Jacob Jacques Jaime James Jamie Jan Jane
Janet Jason Javier Jean Jeff Jeffrey Jennifer Jens Jeremy Jerry Jessica Jim Jimmy Joan Joanna
Joe Johan Johann Johannes John Jon Jonathan Jorge Jose Joseph Josh Joshua Juan Judith Julia
Julian Julie Juliet Jurgen Justin Karen Karim Karl Kate Katherine Kathleen Kathryn Katie Keith
Kelly Kenneth Kevin Khalid Kim Klaus Kumar Kurt Kyle Larry Laura Lauren Lee Leonid Leslie Li
Linda Lisa Liu Lorenzo Louis Louise Luca Lucas Lucy Luis Luke Lynn Madeleine Magnus Mahmoud
Manuel Marc Marco Marcus Margaret Maria Marie Mario Mark Martha Martin Mary Mateo Matt Matteo
Matthew Maurice Max Maxim Megan Mehmet Melissa Michael Michel Michele Michelle Miguel Mikhail
Mike Mohamed Mohammad Mohammed Monica Muhammad Nancy Naomi Natalia Natalie Nathan Neil Nicholas
Nick Nicola Nicolas Nicole Nikolai Noah Norman Olga Oliver Olivia Omar Oscar Pablo Pamela
Patricia Patrick Paul Paula Pedro Peter Petra Philip Philippe Pierre Rachel Rafael Rahul Raj
Ralph Ramon Randy Raul Ray Raymond Rebecca Richard Rick Rita Robert Roberto Robin Roger Roman
Ronald Rose Ruth Ryan Sam Samantha Samuel Sandra Sanjay Sara Sarah Scott Sean Sebastian Sergei
Sergey Shannon Sharon Shirley Simon Sofia Sophie Stanley Stefan Stephanie Stephen Steve Steven
Susan Svetlana Tatiana Teresa Terry Thomas Tim Timothy Tina Todd Tom Tony Tyler Ursula Valentina
Valerie Vanessa Victor Victoria Vijay Vincent Viktor Vladimir Walter Wayne Wei Werner Wolfgang
Xavier Yasmin Yuri Yusuf Zhang Ziad
`
  .trim()
  .split(/\s+/);
