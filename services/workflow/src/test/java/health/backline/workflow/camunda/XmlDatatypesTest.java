package health.backline.workflow.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.Test;

class XmlDatatypesTest {

    @Test
    void the_jdk_factory_is_named_so_every_new_instance_skips_the_classpath_search() throws Exception {
        String before = System.getProperty(XmlDatatypes.FACTORY_PROPERTY);
        try {
            System.clearProperty(XmlDatatypes.FACTORY_PROPERTY);

            XmlDatatypes.useTheJdkFactory();

            assertThat(System.getProperty(XmlDatatypes.FACTORY_PROPERTY)).isEqualTo(XmlDatatypes.JDK_FACTORY);
            assertThat(DatatypeFactory.newInstance().getClass().getName()).isEqualTo(XmlDatatypes.JDK_FACTORY);
            assertThat(DatatypeFactory.newInstance().newDuration("PT4H").getHours()).isEqualTo(4);
        } finally {
            restore(before);
        }
    }

    @Test
    void a_factory_the_jvm_was_started_with_is_kept() {
        String before = System.getProperty(XmlDatatypes.FACTORY_PROPERTY);
        try {
            System.setProperty(XmlDatatypes.FACTORY_PROPERTY, "org.example.OwnFactory");

            XmlDatatypes.useTheJdkFactory();

            assertThat(System.getProperty(XmlDatatypes.FACTORY_PROPERTY)).isEqualTo("org.example.OwnFactory");
        } finally {
            restore(before);
        }
    }

    private static void restore(String value) {
        if (value == null) {
            System.clearProperty(XmlDatatypes.FACTORY_PROPERTY);
        } else {
            System.setProperty(XmlDatatypes.FACTORY_PROPERTY, value);
        }
    }
}
