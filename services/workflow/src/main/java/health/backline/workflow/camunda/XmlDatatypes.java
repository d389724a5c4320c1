package health.backline.workflow.camunda;

/**
 * Camunda resolves every timer's due date through a new {@code javax.xml.datatype.DatatypeFactory}
 * ({@code DurationHelper}), and {@code DatatypeFactory.newInstance()} looks its implementation up on the
 * classpath each time unless a system property names it: 8.7 % of the workflow's CPU samples under load
 * (JFR, 600 referrals). Naming the JDK's own implementation skips the search; the factory is the same.
 */
public final class XmlDatatypes {

    static final String FACTORY_PROPERTY = "javax.xml.datatype.DatatypeFactory";
    static final String JDK_FACTORY = "com.sun.org.apache.xerces.internal.jaxp.datatype.DatatypeFactoryImpl";

    private XmlDatatypes() {
    }

    /** Names the JDK's factory, unless the JVM was started with another one. */
    public static void useTheJdkFactory() {
        if (System.getProperty(FACTORY_PROPERTY) == null) {
            System.setProperty(FACTORY_PROPERTY, JDK_FACTORY);
        }
    }
}
