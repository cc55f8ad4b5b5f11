/**
 * Tests of the Helm chart (charts/virga): it is rendered with the real helm binary and the objects
 * are asserted on, its CRDs are compared with crds/generated, and every values key must change the
 * output.
 */
package virga.operator.chart;
